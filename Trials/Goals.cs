namespace Sweep.Trials;

/// <summary>The text of a <see cref="Goal"/>: sweep files, the results file and every output spell it "maximize" or "minimize".</summary>
public static class Goals
{
    public static IReadOnlyList<Goal> All { get; } = Enum.GetValues<Goal>();

    public static IReadOnlyList<string> Names { get; } = All.Select(Name).ToArray();

    public static string Name(this Goal goal) => goal.ToString().ToLowerInvariant();

    /// <summary>The goal spelled exactly as stored ("maximize", "minimize"); null for anything else.</summary>
    public static Goal? Named(string text) => All.Where(goal => goal.Name() == text).Select(goal => (Goal?)goal).FirstOrDefault();

    public static string UnknownMessage(string text) => $"unknown goal '{text}': expected {string.Join(" or ", Names)}";
}
