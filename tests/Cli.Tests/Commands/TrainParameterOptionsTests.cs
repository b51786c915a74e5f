using System.Text.RegularExpressions;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`train` has an option for every entry of the parameter table, described by the table's help text.</summary>
public class TrainParameterOptionsTests
{
    [Fact]
    public void TrainHelp_ListsEveryParameterOption_WithTheTablesDescription()
    {
        var help = SweepProcess.Run("train", "--help");

        // The help wraps descriptions over lines: compare with runs of white space as one space.
        var text = Regex.Replace(help.Stdout, @"\s+", " ");
        foreach (var parameter in HyperParameters.All)
        {
            Assert.Contains($" {parameter.Option} <", text);
            Assert.Contains(Regex.Replace(parameter.Help.Replace("[[", "["), @"\s+", " "), text);
        }
    }
}
