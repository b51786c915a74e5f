using Sweep.Worker.Trials;

namespace Sweep.Results.Storage;

/// <summary>Trial states are stored as lowercase enum names, so plain SQL reads `where status = 'completed'`.</summary>
internal static class StatusText
{
    public static string Of(TrialStatus status) => status.ToString().ToLowerInvariant();

    public static TrialStatus Parse(string text) =>
        Enum.TryParse<TrialStatus>(text, ignoreCase: true, out var status)
            ? status
            : throw new InvalidDataException($"unknown trial status '{text}' in the results file");
}
