namespace Sweep.Engine.Data;

/// <summary>A dataset name that is neither a known name nor an existing folder: bad input the user can fix.</summary>
public sealed class UnknownDatasetException(string message) : Exception(message);
