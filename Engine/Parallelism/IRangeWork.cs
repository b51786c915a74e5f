namespace Sweep.Engine.Parallelism;

/// <summary>
/// A piece of work over [0, count) units that <see cref="WorkerPool.For{TWork}"/> splits into contiguous ranges.
/// Run must give the same bits whatever range boundaries it is handed: each unit's result depends on that unit alone,
/// and a reduction writes one value per unit for the caller to combine in unit order.
/// </summary>
public interface IRangeWork
{
    void Run(int start, int end);
}
