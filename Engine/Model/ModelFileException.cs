namespace Sweep.Engine.Model;

/// <summary>A saved model cannot be read; the message names the file and what was expected versus found.</summary>
public sealed class ModelFileException(string message) : Exception(message);
