using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Training;
using Sweep.Cli.Output;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>`sweep train`: one training run on a dataset, with a line per epoch and optional JSON and saved weights.</summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellation)
    {
        var options = settings.ToOptions();
        // Everything that would fail after training is checked before it: the data's size, memory, the --save path.
        CheckAgainstTrainingSet(settings, options);
        if (settings.Save is { } target) SavePath.CheckWritable(target);
        var data = settings.LoadSplits();
        var progress = settings.Json ? Console.Error : Console.Out;
        var result = Trainer.Train(data, options, epoch => progress.WriteLine(TrainingReport.EpochLine(epoch, options.Epochs)), cancellation);

        if (settings.Save is { } path && result.Status == TrainingStatus.Completed)
        {
            ModelFile.Save(path, result.Network, TrainingReport.ToJson(result, settings.ToConfig(), options, data));
            progress.WriteLine($"saved weights to {path}");
        }
        if (settings.Json)
        {
            Console.Out.WriteLine(TrainingReport.ToJson(result, settings.ToConfig(), options, data));
        }
        else
        {
            Console.Out.WriteLine(FormattableString.Invariant(
                $"{result.Status.ToString().ToLowerInvariant()}: test_acc {result.TestAcc * 100:F2}%  test_loss {result.TestLoss:F4}  {result.Seconds:F1}s"));
            if (result.Message is { } message) Console.Out.WriteLine(message);
        }
        // A diverged run is a result (reported as such), not a failure of the command; a cancelled one is.
        return result.Status == TrainingStatus.Cancelled ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>--val-size against the training examples and the network against memory (one trial: the whole budget).</summary>
    private static void CheckAgainstTrainingSet(TrainSettings settings, TrainingOptions options)
    {
        var folder = DatasetCatalog.IsKnownName(settings.Dataset) ? settings.Dataset : Path.GetFullPath(settings.Dataset);
        if (IdxImagesHeader.OfTrainingSet(folder) is not { Features: <= int.MaxValue } trainingSet) return; // loading reports why
        var examples = trainingSet.Count;
        if (trainingSet.ValidationSizeProblem(settings.ValidationSize, settings.Dataset) is { } problem)
            throw new UsageException($"--val-size {problem}");
        if (LayersParameter.ShapeProblem(options.Layers, trainingSet) is { } shape)
            throw new UsageException($"--layers {settings.Layers}: {shape}");
        try
        {
            options.Validate((int)trainingSet.Features, MnistFiles.Classes, examples - settings.ValidationSize, TrainingMemory.BudgetPerTrial(1));
        }
        catch (ArgumentException exception)
        {
            // The network as the user wrote it: --layers when given (fc layers only train as hidden), else --hidden.
            var network = LayerSpec.ParseList(settings.Layers).Count > 0 ? $"--layers {settings.Layers}" : $"--hidden {settings.Hidden}";
            throw new UsageException($"{network}: {exception.Message}");
        }
    }
}
