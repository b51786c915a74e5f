namespace Sweep.Web.Tests.Server;

/// <summary>A test class whose every test gets its own <see cref="UiResultsFile"/> served by a <see cref="RunningUi"/>.</summary>
public abstract class UiServerTest : IAsyncLifetime
{
    protected UiResultsFile Results { get; } = new();

    protected RunningUi Ui { get; private set; } = null!;

    public async Task InitializeAsync() => Ui = await RunningUi.StartAsync(Results.Path);

    public async Task DisposeAsync()
    {
        await Ui.DisposeAsync();
        Results.Dispose();
    }
}
