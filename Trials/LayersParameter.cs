using System.Text.Json.Nodes;
using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// A network spec, a LayerSpec[]: in JSON an array of canonical layer texts (["conv5x5:32","pool2","fc:500"]), [] when
/// the hidden widths say what the network is. People (the `train` option, the view, reports) write it as one text:
/// none, or conv5x5:32,pool2,fc:500. A spec of fc layers only is the hidden net, and <see cref="TrialConfig"/> stores it
/// as hidden, so both spellings are one trial.
/// </summary>
public sealed class LayersParameter(string name, string help, Func<TrainingOptions, IReadOnlyList<LayerSpec>, TrainingOptions> applyTo)
    : HyperParameter<IReadOnlyList<LayerSpec>>(name, ParameterKind.Layers, help, [], applyTo)
{
    /// <summary>Why a network cannot have both: said alike by sweep files and `train`.</summary>
    public const string NotWithHidden = "hidden and layers cannot both be given: write the hidden widths as fc:N layers";

    public override JsonNode ToJson(object value) =>
        new JsonArray(((IReadOnlyList<LayerSpec>)value).Select(layer => (JsonNode?)layer.ToString()).ToArray());

    public override object FromJson(JsonNode node) => node.AsArray().Select(layer => LayerSpec.Parse((string)layer!)).ToArray();

    /// <summary>`conv5x5:16,pool2,fc:128`, or none; a bad layer is an ArgumentException naming the option and saying why.</summary>
    public override object Parse(string text)
    {
        try
        {
            return LayerSpec.ParseList(text);
        }
        catch (FormatException error)
        {
            throw new ArgumentException($"{Option}: {error.Message}");
        }
    }

    public override object ReportValue(object value) => LayerSpec.Format((IReadOnlyList<LayerSpec>)value);

    /// <summary>Why <paramref name="layers"/> cannot run on the dataset's images (rows × cols, one channel), or null.</summary>
    public static string? ShapeProblem(IReadOnlyList<LayerSpec> layers, IdxImagesHeader images) =>
        LayerSpec.ShapeProblem(layers, new ImageShape(images.Rows, images.Cols, 1), out _) is { } problem
            ? $"{problem} (the images are {images.Rows}×{images.Cols})"
            : null;
}
