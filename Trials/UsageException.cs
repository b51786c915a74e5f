namespace Sweep.Trials;

/// <summary>Thrown for input the user can fix (a bad argument, a missing file); it exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
