using Hangfire;

namespace Sweep.Web;

/// <summary>What `sweep ui` serves and where.</summary>
/// <param name="ResultsPath">An existing results file, opened read-only.</param>
/// <param name="Host">The address to listen on: loopback unless the user exposes it.</param>
/// <param name="Port">0 picks a free port (<see cref="UiServer.Address"/> says which).</param>
/// <param name="Queue">The queue's storage, whose Hangfire Dashboard is mounted under /hangfire; null for none.</param>
public sealed record UiServerOptions(string ResultsPath, string Host = "127.0.0.1", int Port = 8080, JobStorage? Queue = null);
