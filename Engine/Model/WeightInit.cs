namespace Sweep.Engine.Model;

/// <summary>How initial weights are drawn; biases always start at zero.</summary>
public enum WeightInit
{
    /// <summary>Gaussian with standard deviation 0.01: the tutorial's choice.</summary>
    Gaussian,

    /// <summary>He: Gaussian with standard deviation sqrt(2 / inFeatures), suited to ReLU stacks.</summary>
    He,
}
