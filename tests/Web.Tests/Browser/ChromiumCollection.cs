namespace Sweep.Web.Tests.Browser;

/// <summary>The tests that share one <see cref="Chromium"/>: they run one after another, which two shared cores want anyway.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>
{
    public const string Name = "chromium";
}
