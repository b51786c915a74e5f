namespace Sweep.Cli.Arguments;

/// <summary>What an option's value must look like, by the type of the settings property it binds to.</summary>
public enum ValueKind
{
    /// <summary>Any text (paths, names, lists that the command parses itself).</summary>
    Text,
    /// <summary>An Int32.</summary>
    WholeNumber,
    /// <summary>A UInt64, such as a seed.</summary>
    NonNegativeWholeNumber,
    /// <summary>A finite double.</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
}
