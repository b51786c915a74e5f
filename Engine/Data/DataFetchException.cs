namespace Sweep.Engine.Data;

/// <summary>Every source failed; <see cref="Failures"/> says which sources were tried and why each failed.</summary>
public sealed class DataFetchException(string message, IReadOnlyList<SourceFailure> failures) : Exception(message)
{
    public IReadOnlyList<SourceFailure> Failures { get; } = failures;
}
