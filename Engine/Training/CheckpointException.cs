namespace Sweep.Engine.Training;

/// <summary>A checkpoint cannot be used: its bytes are corrupt or foreign, or it belongs to other options or data. Nothing was loaded.</summary>
public sealed class CheckpointException(string message) : Exception(message);
