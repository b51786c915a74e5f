using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Results;
using Sweep.Engine.Model;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>`sweep eval MODEL`: test accuracy and loss of saved weights, and the 10×10 confusion matrix.</summary>
public sealed class EvalCommand : Command<EvalSettings>
{
    public override int Execute(CommandContext context, EvalSettings settings, CancellationToken cancellation)
    {
        var (network, _) = ModelFile.Load(settings.Model);
        var data = settings.LoadSplits();
        if (network.InFeatures != data.Test.Features || network.Classes != data.Test.Classes)
            throw new UsageException($"{settings.Model}: model takes {network.InFeatures} inputs and {network.Classes} classes, " +
                                     $"but {data.Name} has {data.Test.Features} and {data.Test.Classes}");
        var evaluation = Evaluator.Evaluate(network, data.Test, settings.Threads);

        Console.Out.WriteLine(FormattableString.Invariant(
            $"test_acc {evaluation.Accuracy * 100:F2}%  test_loss {evaluation.Loss:F4}  ({Plural.Count(evaluation.Count, "example")} of {data.Name})"));
        AnsiConsole.Write(ConfusionTable(evaluation));
        return ExitCodes.Ok;
    }

    private static Table ConfusionTable(Evaluation evaluation)
    {
        var classes = evaluation.Confusion.GetLength(0);
        var table = new Table { Title = new TableTitle("confusion: rows = true label, columns = predicted") };
        table.AddColumn("label");
        for (var c = 0; c < classes; c++) table.AddColumn(new TableColumn(c.ToString(CultureInfo.InvariantCulture)).RightAligned());
        for (var label = 0; label < classes; label++)
        {
            var cells = new List<string> { label.ToString(CultureInfo.InvariantCulture) };
            for (var predicted = 0; predicted < classes; predicted++)
            {
                var count = evaluation.Confusion[label, predicted].ToString(CultureInfo.InvariantCulture);
                cells.Add(label == predicted ? $"[green]{count}[/]" : count);
            }
            table.AddRow(cells.ToArray());
        }
        return table;
    }
}
