namespace Sweep.Trials;

/// <summary>How a trial hash is shortened in log and progress lines (reports and the results file keep more of it).</summary>
public static class TrialHashText
{
    public static string Short(string trialHash) => trialHash[..Math.Min(10, trialHash.Length)];
}
