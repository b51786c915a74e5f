namespace Sweep.Results;

/// <summary>A sweep as stored: its name (the key), the file it came from, and how its trials are ranked.</summary>
/// <param name="Method">grid, random, ... — as written in the sweep file.</param>
/// <param name="Metric">val_acc, val_loss, test_acc, test_loss or train_loss.</param>
/// <param name="Goal">maximize or minimize.</param>
/// <param name="DefinitionJson">The sweep file's content as JSON, so a report can say what was asked for.</param>
public sealed record SweepRecord(string Name, string? SourceFile, string Method, string Metric, string Goal, string DefinitionJson);
