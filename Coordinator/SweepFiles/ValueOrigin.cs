namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// Where one written value of a spec came from (`FILE:LINE:COLUMN` or `override '...'`) and its key, so that the rules
/// that need the whole sweep (val_size against the dataset, widths against memory) can still point at it.
/// </summary>
public sealed record ValueOrigin(ParameterValue Value, string Where, string Key);
