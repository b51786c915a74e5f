using System.Globalization;
using Dapper;
using Sweep.Trials;

namespace Sweep.Results.Tests;

/// <summary>Every entry of the parameter table works end to end: canonical JSON both ways, the trial_results view, its help.</summary>
public sealed class HyperParametersTests : IDisposable
{
    private readonly TempResultsFile file = new();

    public void Dispose() => file.Dispose();

    public static TheoryData<string> Names => new(HyperParameters.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void AValueOtherThanTheDefault_RoundTripsThroughCanonicalJson(string name)
    {
        var parameter = HyperParameters.Find(name)!;
        var config = new TrialConfig().With(parameter, OtherValue(parameter));

        var read = TrialConfig.FromCanonicalJson(config.ToCanonicalJson());

        Assert.Equal(parameter.ToJson(OtherValue(parameter)).ToJsonString(), parameter.ToJson(read[parameter]).ToJsonString());
        Assert.NotEqual(new TrialConfig().ToCanonicalJson(), read.ToCanonicalJson());
        Assert.Equal(parameter.Text(OtherValue(parameter)), parameter.Text(read[parameter]));
    }

    [Fact]
    public void TheView_HasOneColumnPerParameter_ShowingItsReportText()
    {
        var config = HyperParameters.All.Aggregate(new TrialConfig(), (config, parameter) => config.With(parameter, OtherValue(parameter)));
        using (var store = file.Open()) store.SyncSweep(Fixtures.Sweep(), [Fixtures.Planned(config)]);
        using var connection = file.Connect();

        var columns = connection.Query<string>("select name from pragma_table_info('trial_results')").ToHashSet();
        var row = (IDictionary<string, object>)connection.QuerySingle("select * from trial_results");

        Assert.Superset(HyperParameters.Names.ToHashSet(), columns);
        foreach (var parameter in HyperParameters.All)
            Assert.True(parameter.Text(config[parameter]) == Convert.ToString(row[parameter.Name], CultureInfo.InvariantCulture),
                $"{parameter.Name}: the view shows {row[parameter.Name]}, reports {parameter.Text(config[parameter])}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TheTrainHelp_NamesTheDefault(string name)
    {
        var parameter = HyperParameters.Find(name)!;

        var written = parameter.Help.Split("Default: ")[^1].Split(' ')[0];

        if (parameter.Kind is ParameterKind.Real or ParameterKind.Integer)
            Assert.Equal(Convert.ToDouble(parameter.DefaultValue, CultureInfo.InvariantCulture), double.Parse(written, CultureInfo.InvariantCulture));
        else
            Assert.Equal(parameter.Text(parameter.DefaultValue), written);
    }

    /// <summary>A value that obeys the rule and differs from the default: what a sweep file could set.</summary>
    private static object OtherValue(HyperParameter parameter) => parameter.Kind switch
    {
        ParameterKind.Real => parameter.FromNumber(parameter.ObeysRule(0.5) && !Equals(parameter.DefaultValue, 0.5) ? 0.5 : 0.25),
        ParameterKind.Integer => parameter.FromNumber(3),
        ParameterKind.Widths => new[] { 256, 128 },
        ParameterKind.Layers => parameter.Parse("conv5x5:16,pool2,fc:128"),
        _ => parameter.Parse(parameter.Choices.First(choice => choice != parameter.Text(parameter.DefaultValue))),
    };
}
