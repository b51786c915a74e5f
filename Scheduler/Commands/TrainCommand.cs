using Spectre.Console.Cli;
using Sweep.Engine.Model;
using Sweep.Engine.Training;
using Sweep.Scheduler.Output;

namespace Sweep.Scheduler.Commands;

/// <summary>`sweep train`: one training run on a dataset, with a line per epoch and optional JSON and saved weights.</summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellation)
    {
        var options = settings.ToOptions();
        var data = settings.LoadSplits();
        var progress = settings.Json ? Console.Error : Console.Out;
        var result = Trainer.Train(data, options, epoch => progress.WriteLine(TrainingReport.EpochLine(epoch, options.Epochs)), cancellation);

        if (settings.Save is { } path && result.Status == TrainingStatus.Completed)
        {
            ModelFile.Save(path, result.Network, TrainingReport.ToJson(result, options, data));
            progress.WriteLine($"saved weights to {path}");
        }
        if (settings.Json)
        {
            Console.Out.WriteLine(TrainingReport.ToJson(result, options, data));
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
}
