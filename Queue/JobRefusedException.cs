namespace Sweep.Queue;

/// <summary>A queued job that this process will not load or perform because it is not one of our trial jobs.</summary>
public sealed class JobRefusedException(string message) : InvalidOperationException(message);
