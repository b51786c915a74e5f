using Sweep.Trials;

namespace Sweep.Results.Storage;

/// <summary>Reads a stored status (its lowercase name, <see cref="TrialStatuses.Name"/>) back; an unknown one is a damaged file.</summary>
internal static class StatusText
{
    public static TrialStatus Parse(string text) =>
        Enum.TryParse<TrialStatus>(text, ignoreCase: true, out var status)
            ? status
            : throw new InvalidDataException($"unknown trial status '{text}' in the results file");
}
