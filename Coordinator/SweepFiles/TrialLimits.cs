using Sweep.Engine.Data;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// The rules a value can only be checked against with the rest of the sweep: val_size against the dataset's training
/// examples, every layers value against the dataset's image size and the sweep's hidden values, and every network
/// (hidden or layers) value against the memory budget per trial, with the largest batch, momentum
/// and optimiser state the sweep can pair it with (a grid pairs every value with every other; a random sweep may). Each error points at
/// the value as written, so the Engine never meets a configuration it would reject after the run started.
/// </summary>
public static class TrialLimits
{
    private static readonly TrialConfig Defaults = new();

    /// <param name="trainingSet">The dataset's training images header; the checks need it.</param>
    /// <param name="datasetWhere">Where the dataset is named (or the file), for a default val_size the dataset cannot hold.</param>
    public static void Check(IReadOnlyList<ParameterSpec> parameters, IdxImagesHeader trainingSet, string datasetName, string datasetWhere,
        long memoryBudgetPerTrial, SweepErrors errors)
    {
        var valSizes = Origins(parameters, HyperParameters.ValidationSize.Name);
        var examples = trainingSet.Count;
        if (valSizes.Length == 0 && Defaults.ValidationSize >= examples)
            errors.Add(datasetWhere, "dataset", $"{datasetName} has {examples} training examples, not more than the default val_size " +
                $"{Defaults.ValidationSize}; set parameters.val_size to at most {examples - 1}");
        foreach (var origin in valSizes)
            if (trainingSet.ValidationSizeProblem((long)origin.Value.Number, datasetName) is { } problem)
                errors.Add(origin.Where, origin.Key, $"val_size {problem}");

        // The worst case the sweep can produce for each width value: the largest batch, momentum on if any value uses it,
        // and the optimiser that keeps the most state.
        var batch = Largest(parameters, HyperParameters.Batch.Name, Defaults.Batch);
        var momentum = Largest(parameters, HyperParameters.Momentum.Name, Defaults.Momentum);
        var optimizer = LargestState(parameters, momentum);
        // The most training examples a trial keeps sets the largest batch it can form (a batch never exceeds them).
        var heldOut = valSizes.Length == 0 ? [Defaults.ValidationSize] : valSizes.Select(origin => origin.Value.Number).ToArray();
        var trainingExamples = (int)Math.Max(1, examples - heldOut.Where(size => size < examples).DefaultIfEmpty(0).Min());
        if (trainingSet.Features > int.MaxValue) return; // an absurd image size: loading the data reports it
        var networks = Origins(parameters, HyperParameters.Hidden.Name).Select(origin => (origin, config: Defaults.With(HyperParameters.Hidden, origin.Value.Widths!)))
            .Concat(LayersThatRun(parameters, trainingSet, errors).Select(origin => (origin, config: Defaults.With(HyperParameters.Layers, origin.Value.Layers!))));
        foreach (var (origin, network) in networks)
        {
            // Through the trial's configuration, so a layers spec of fc layers only is checked as the hidden net it is.
            var options = network.ToOptions(threads: 1) with
            {
                BatchSize = (int)Math.Min(batch, int.MaxValue), Momentum = momentum, Optimizer = optimizer,
            };
            try
            {
                options.Validate((int)trainingSet.Features, MnistFiles.Classes, trainingExamples, memoryBudgetPerTrial);
            }
            catch (ArgumentException exception)
            {
                errors.Add(origin.Where, origin.Key, exception.Message);
            }
        }
    }

    /// <summary>
    /// The layers values that can run on the dataset's images (rows × cols, one channel) and meet no hidden value in a
    /// trial; each other one is an error at the value.
    /// </summary>
    private static List<ValueOrigin> LayersThatRun(IReadOnlyList<ParameterSpec> parameters, IdxImagesHeader trainingSet, SweepErrors errors)
    {
        var hidden = Origins(parameters, HyperParameters.Hidden.Name).FirstOrDefault(origin => origin.Value.Widths!.Count > 0);
        var running = new List<ValueOrigin>();
        foreach (var origin in Origins(parameters, HyperParameters.Layers.Name))
        {
            var layers = origin.Value.Layers!;
            if (LayersParameter.ShapeProblem(layers, trainingSet) is { } problem)
                errors.Add(origin.Where, origin.Key, problem);
            else if (layers.Count > 0 && hidden is not null)
                errors.Add(origin.Where, origin.Key, $"{LayersParameter.NotWithHidden} (hidden {hidden.Value.Text} at {hidden.Where})");
            else
                running.Add(origin);
        }
        return running;
    }

    private static ValueOrigin[] Origins(IReadOnlyList<ParameterSpec> parameters, string name) =>
        parameters.Where(spec => spec.Name == name).SelectMany(spec => spec.Origins).ToArray();

    private static OptimizerKind LargestState(IReadOnlyList<ParameterSpec> parameters, double momentum)
    {
        var origins = Origins(parameters, HyperParameters.Optimizer.Name);
        var kinds = origins.Length == 0 ? [Defaults.Get(HyperParameters.Optimizer)]
            : origins.Select(origin => (OptimizerKind)HyperParameters.Optimizer.Parse(origin.Value.Choice!)).ToArray();
        return kinds.MaxBy(kind => Optimizers.StateBuffers(new TrainingOptions { Optimizer = kind, Momentum = momentum }));
    }

    private static double Largest(IReadOnlyList<ParameterSpec> parameters, string name, double fallback)
    {
        var origins = Origins(parameters, name);
        return origins.Length == 0 ? fallback : origins.Max(origin => origin.Value.Number);
    }
}
