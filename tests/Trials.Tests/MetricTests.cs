using Microsoft.Data.Sqlite;
using Sweep.Trials;

namespace Sweep.Trials.Tests;

public sealed class MetricTests
{
    /// <summary>Every metric: its name, its natural goal, and how people see 0.97606 / 0.123456 / a missing value.</summary>
    public static TheoryData<string, Goal, string> Expected { get; } = new()
    {
        { "val_acc", Goal.Maximize, "97.61%" },
        { "val_loss", Goal.Minimize, "0.9761" },
        { "test_acc", Goal.Maximize, "97.61%" },
        { "test_loss", Goal.Minimize, "0.9761" },
        { "train_loss", Goal.Minimize, "0.9761" },
    };

    public static TheoryData<string> Names { get; } = new(Metric.Names);

    [Fact]
    public void All_ListsEveryMetric_InTheOrderReportsShowThem() =>
        Assert.Equal(["val_acc", "val_loss", "test_acc", "test_loss", "train_loss"], Metric.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Named_FindsTheMetric_ByItsExactName(string name)
    {
        var metric = Metric.Named(name);
        Assert.NotNull(metric);
        Assert.Equal(name, metric.Name);
        Assert.Equal(name, metric.ToString());
        Assert.Null(Metric.Named(name.ToUpperInvariant()));
        Assert.Null(Metric.Named(" " + name));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TryParse_ForgivesCaseAndSpaces_AsACommandLineIsTyped(string name) =>
        Assert.Same(Metric.Named(name), Metric.TryParse($"  {name.ToUpperInvariant()} "));

    [Theory]
    [MemberData(nameof(Expected))]
    public void DefaultGoal_MaximisesAccuracies_AndMinimisesLosses(string name, Goal goal, string _) =>
        Assert.Equal(goal, Metric.Parse(name).DefaultGoal);

    [Theory]
    [MemberData(nameof(Expected))]
    public void Format_PrintsAccuraciesAsPercent_AndLossesWithFourDecimals(string name, Goal _, string shown)
    {
        var metric = Metric.Parse(name);
        Assert.Equal(shown, metric.Format(0.97606));
        Assert.Equal("-", metric.Format(null));
    }

    [Fact]
    public void Format_RoundsHalfAwayFromZero_LikeTheReportsAlwaysDid()
    {
        Assert.Equal("0.1235", Metric.TrainLoss.Format(0.123456));
        Assert.Equal("100.00%", Metric.ValAcc.Format(1.0));
        Assert.Equal("0.05%", Metric.TestAcc.Format(0.0005));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ValueOf_ReadsItsOwnFigure_FromAStoredTrial(string name)
    {
        var row = new StoredMetrics(TrainLoss: 0.1, ValLoss: 0.2, ValAcc: 0.3, TestLoss: 0.4, TestAcc: 0.5);
        var expected = new Dictionary<string, double> { ["train_loss"] = 0.1, ["val_loss"] = 0.2, ["val_acc"] = 0.3, ["test_loss"] = 0.4, ["test_acc"] = 0.5 };
        Assert.Equal(expected[name], Metric.Parse(name).ValueOf(row));
    }

    [Fact]
    public void Parse_RefusesAnUnknownName_ListingTheKnownOnes()
    {
        Assert.Null(Metric.TryParse("accuracy"));
        var error = Assert.Throws<ArgumentException>(() => Metric.Parse("accuracy"));
        Assert.StartsWith("unknown metric 'accuracy': expected one of val_acc, val_loss, test_acc, test_loss, train_loss", error.Message);
    }

    /// <summary>The SQL CASE the results file ranks by, run in SQLite: each name picks its own column, anything else NULL.</summary>
    [Fact]
    public void ColumnSql_PicksTheNamedMetricsColumn_InSqlite()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE trials (train_loss REAL, val_loss REAL, val_acc REAL, test_loss REAL, test_acc REAL)");
        Execute(connection, "INSERT INTO trials VALUES (0.1, 0.2, 0.3, 0.4, 0.5)");
        var expected = new Dictionary<string, double> { ["train_loss"] = 0.1, ["val_loss"] = 0.2, ["val_acc"] = 0.3, ["test_loss"] = 0.4, ["test_acc"] = 0.5 };
        foreach (var name in Metric.Names.Append("accuracy"))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Metric.ColumnSql("@Name", "t")} FROM trials t";
            command.Parameters.AddWithValue("@Name", name);
            var value = command.ExecuteScalar();
            Assert.Equal(expected.TryGetValue(name, out var figure) ? figure : DBNull.Value, value);
        }
    }

    [Fact]
    public void Goals_RoundTripTheirStoredNames_AndRefuseOthers()
    {
        Assert.Equal(["maximize", "minimize"], Goals.Names);
        foreach (var goal in Goals.All) Assert.Equal(goal, Goals.Named(goal.Name()));
        Assert.Null(Goals.Named("Maximize"));
        Assert.Null(Goals.Named("max"));
        Assert.Equal("unknown goal 'up': expected maximize or minimize", Goals.UnknownMessage("up"));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record StoredMetrics(double? TrainLoss, double? ValLoss, double? ValAcc, double? TestLoss, double? TestAcc) : ITrialMetrics;
}
