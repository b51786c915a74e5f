namespace Sweep.Cli.Benchmarks;

/// <summary>One way `sweep bench search` searches its space: a sweep method, with or without hyperband.</summary>
/// <param name="Label">As printed; no spaces, so that every row of the plain table splits on whitespace.</param>
public sealed record SearchMethod(string Label, string Method, bool Hyperband)
{
    public static readonly SearchMethod Grid = new("grid", "grid", false);
    public static readonly SearchMethod Random = new("random", "random", false);
    public static readonly SearchMethod Bayes = new("bayes", "bayes", false);
    public static readonly SearchMethod RandomHyperband = new("random+hyperband", "random", true);
    public static readonly SearchMethod BayesHyperband = new("bayes+hyperband", "bayes", true);

    public static IReadOnlyList<SearchMethod> All { get; } = [Grid, Random, Bayes, RandomHyperband, BayesHyperband];
}
