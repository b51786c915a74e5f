using Sweep.Engine.Randomness;

namespace Sweep.Coordinator.Search;

/// <summary>A density over one dimension's model space that can be sampled: what TPE fits to the good and to the bad trials.</summary>
public interface IParzenEstimator
{
    double Draw(DeterministicRandom random);

    double LogDensity(double modelled);
}
