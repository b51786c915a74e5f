namespace Sweep.Engine.Data;

/// <summary>A data file is missing or malformed; the message names the file, what was expected and what was found.</summary>
public sealed class DataFormatException(string message) : Exception(message);
