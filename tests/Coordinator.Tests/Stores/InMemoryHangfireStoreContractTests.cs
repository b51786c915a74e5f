using Hangfire;
using Hangfire.InMemory;

namespace Sweep.Coordinator.Tests.Stores;

/// <summary>The store contract on Hangfire.InMemory, the embedded queue's storage.</summary>
public sealed class InMemoryHangfireStoreContractTests : HangfireStoreContract
{
    private readonly InMemoryStorage storage = new(new InMemoryStorageOptions());

    protected override JobStorage Storage => storage;

    public override void Dispose() => storage.Dispose();
}
