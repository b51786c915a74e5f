namespace Sweep.Trials;

/// <summary>What a hyperparameter's values look like in a sweep file, and so how it is read, stored and shown.</summary>
public enum ParameterKind
{
    /// <summary>A finite number: `0.5`, `1e-4`.</summary>
    Real,

    /// <summary>A whole number written without a decimal point: `5`.</summary>
    Integer,

    /// <summary>Hidden layer widths: `[]` (softmax regression), `[500]`, `[256, 128]`; a bare `500` means `[500]`.</summary>
    Widths,

    /// <summary>One name of a fixed list, e.g. init `gaussian` or `he`.</summary>
    Choice,

    /// <summary>A network spec: `[conv5x5:32, pool2, fc:500]`; `[]` leaves the network to hidden.</summary>
    Layers,
}
