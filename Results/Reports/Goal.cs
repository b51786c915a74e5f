namespace Sweep.Results.Reports;

/// <summary>Whether a larger or a smaller metric is better.</summary>
public enum Goal
{
    Maximize,
    Minimize,
}
