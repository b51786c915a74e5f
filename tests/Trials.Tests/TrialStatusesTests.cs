using Microsoft.Data.Sqlite;
using Sweep.Trials;

namespace Sweep.Trials.Tests;

public sealed class TrialStatusesTests
{
    /// <summary>What each status means, written out by hand: (status, is a result, is final, has ended, rerun, rerun with --retry-failed).</summary>
    public static TheoryData<TrialStatus, bool, bool, bool, bool, bool> Meanings { get; } = new()
    {
        { TrialStatus.Pending, false, false, false, false, false },
        { TrialStatus.Running, false, false, false, true, true },
        { TrialStatus.Completed, true, true, true, false, false },
        { TrialStatus.Diverged, true, true, true, false, true },
        { TrialStatus.Failed, false, true, true, false, true },
        { TrialStatus.Interrupted, false, false, true, true, true },
        { TrialStatus.Pruned, true, true, true, false, false },
    };

    public static TheoryData<TrialStatus> Statuses { get; } = new(TrialStatuses.All);

    [Fact]
    public void Meanings_CoverEveryStatus() =>
        Assert.Equal(TrialStatuses.All, Meanings.Select(row => (TrialStatus)row[0]));

    [Theory]
    [MemberData(nameof(Meanings))]
    public void Predicates_SayWhatEachStatusMeans(TrialStatus status, bool result, bool final, bool ended, bool rerun, bool retried)
    {
        Assert.Equal(result, status.IsResult());
        Assert.Equal(final, status.IsFinal());
        Assert.Equal(ended, status.IsEnded());
        Assert.Equal(rerun, status.IsRerunnable(retryFailed: false));
        Assert.Equal(retried, status.IsRerunnable(retryFailed: true));
    }

    [Fact]
    public void Name_IsTheLowercaseStoredText()
    {
        Assert.Equal(["pending", "running", "completed", "diverged", "failed", "interrupted", "pruned"], TrialStatuses.All.Select(status => status.Name()));
        Assert.Equal("('pending', 'running', 'completed', 'diverged', 'failed', 'interrupted', 'pruned')", TrialStatuses.AllSql);
        Assert.Equal("('completed', 'diverged', 'pruned')", TrialStatuses.ResultSql);
    }

    /// <summary>The SQL text the results file's statements use, run in SQLite, agrees with the C# predicate for every status.</summary>
    [Theory]
    [MemberData(nameof(Statuses))]
    public void SqlFragments_AgreeWithThePredicates_InSqlite(TrialStatus status)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Assert.Equal(status.IsResult(), Evaluate(connection, $"status IN {TrialStatuses.ResultSql}", status, retryFailed: false));
        Assert.True(Evaluate(connection, $"status IN {TrialStatuses.AllSql}", status, retryFailed: false));
        foreach (var retryFailed in new[] { false, true })
            Assert.Equal(status.IsRerunnable(retryFailed), Evaluate(connection, TrialStatuses.RerunnableSql, status, retryFailed));
    }

    private static bool Evaluate(SqliteConnection connection, string condition, TrialStatus status, bool retryFailed)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {condition} FROM (SELECT @Status AS status)";
        command.Parameters.AddWithValue("@Status", status.Name());
        command.Parameters.AddWithValue("@RetryFailed", retryFailed);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
