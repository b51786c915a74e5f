using System.Text;

namespace Sweep.Trials.Tests;

public sealed class CodeFingerprintTests
{
    [Fact]
    public void Current_IsTwelveHexDigits_OfTheEngineAndTheContracts()
    {
        Assert.Matches("^[0-9a-f]{12}$", CodeFingerprint.Current);
        Assert.Equal(CodeFingerprint.Of(typeof(Engine.Training.Trainer).Assembly, typeof(TrialConfig).Assembly), CodeFingerprint.Current);
        Assert.NotEqual(CodeFingerprint.Of(typeof(Engine.Training.Trainer).Assembly), CodeFingerprint.Current);
    }

    /// <summary>
    /// The fingerprint must not depend on where the repository was cloned: with the checkout's path in the assembly
    /// (as a deterministic build without a path map leaves it, in the debug directory), two clones of one commit would
    /// refuse each other's jobs.
    /// </summary>
    [Fact]
    public void TheFingerprintedAssemblies_HoldNoPathOfThisCheckout()
    {
        var checkout = Encoding.UTF8.GetBytes(Testing.Repository.Root);

        foreach (var assembly in new[] { typeof(Engine.Training.Trainer).Assembly, typeof(TrialConfig).Assembly })
            Assert.True(File.ReadAllBytes(assembly.Location).AsSpan().IndexOf(checkout) < 0, $"{assembly.Location} holds {Testing.Repository.Root}");
    }
}
