namespace Sweep.Coordinator.Search;

/// <summary>
/// The normal distribution cut to [low, high], which the Parzen estimators of <see cref="TpeSampler"/> mix: its log
/// density and an inverse-CDF draw that stays exact far in either tail (it works on the side of the mean where the
/// interval lies, so Φ never rounds to 1).
/// </summary>
public static class TruncatedNormal
{
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    public static double LogDensity(double x, double mu, double sigma, double low, double high)
    {
        if (x < low || x > high) return double.NegativeInfinity;
        var z = (x - mu) / sigma;
        return -0.5 * z * z - LogSqrtTwoPi - Math.Log(sigma) - Math.Log(Mass((low - mu) / sigma, (high - mu) / sigma));
    }

    /// <summary>A draw by inverse CDF; <paramref name="u"/> is uniform in [0, 1).</summary>
    public static double Draw(double u, double mu, double sigma, double low, double high)
    {
        var a = (low - mu) / sigma;
        var b = (high - mu) / sigma;
        double z;
        if (a > 0)
        {
            // Both bounds above the mean: draw −z in [−b, −a] from the lower tail, where Φ has its precision.
            var (pa, pb) = (Phi(-b), Phi(-a));
            z = -InversePhi(pb - u * (pb - pa)); // increasing in u, like the other branch
        }
        else
        {
            var (pa, pb) = (Phi(a), Phi(b));
            z = InversePhi(pa + u * (pb - pa));
        }
        return Math.Clamp(mu + sigma * z, low, high);
    }

    /// <summary>Φ(b) − Φ(a) for a ≤ b, computed on the side of zero that keeps it accurate; never exactly zero.</summary>
    private static double Mass(double a, double b)
    {
        var mass = a > 0 ? Phi(-a) - Phi(-b) : Phi(b) - Phi(a);
        return Math.Max(mass, 1e-300);
    }

    /// <summary>The standard normal CDF.</summary>
    public static double Phi(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>
    /// The complementary error function, by the Chebyshev fit of Numerical Recipes (erfccheb; relative error below
    /// 1.2e-16 for its coefficients); .NET has none.
    /// </summary>
    public static double Erfc(double x)
    {
        if (x < 0) return 2 - Erfc(-x);
        var t = 2 / (2 + x);
        var ty = 4 * t - 2;
        double d = 0, dd = 0;
        for (var j = ErfcCoefficients.Length - 1; j > 0; j--)
        {
            var previous = d;
            d = ty * d - dd + ErfcCoefficients[j];
            dd = previous;
        }
        return t * Math.Exp(-x * x + 0.5 * (ErfcCoefficients[0] + ty * d) - dd);
    }

    private static readonly double[] ErfcCoefficients =
    [
        -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4,
        3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.303655835580e-6,
        1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10,
        9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15,
        -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
    ];

    /// <summary>Φ⁻¹ by Acklam's rational approximation, refined by one Halley step to near double precision.</summary>
    public static double InversePhi(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        const double low = 0.02425;
        double x;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        else if (p <= 1 - low)
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q /
                (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        else
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        var e = Phi(x) - p;
        var u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
}
