using System.Reflection;
using System.Security.Cryptography;

namespace Sweep.Trials;

/// <summary>
/// Which code computes a trial's numbers: the Engine (training) and the trial contracts (how a configuration becomes
/// Engine options), as a SHA-256 over their assembly files, shortened. Builds are deterministic and the checkout's path
/// is mapped away (Directory.Build.props), so the same source gives the same fingerprint in any clone, and any change
/// to either assembly gives another. Recorded with every trial; a worker whose fingerprint differs from the
/// coordinator's refuses the job rather than mix results of two codes under one trial hash.
/// </summary>
public static class CodeFingerprint
{
    /// <summary>
    /// A test hook, read here and nowhere else: a process started with this variable set reports its value as its
    /// fingerprint, so a test can run a worker "built from other code" without building one.
    /// </summary>
    public const string OverrideVariable = "SWEEP_FINGERPRINT_OVERRIDE";

    public static string Current { get; } = Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } forced
        ? forced
        : Of(typeof(Engine.Training.Trainer).Assembly, typeof(CodeFingerprint).Assembly);

    /// <summary>Twelve hex digits of SHA-256 over the files of <paramref name="assemblies"/>, in the order given.</summary>
    public static string Of(params Assembly[] assemblies)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var assembly in assemblies) hash.AppendData(File.ReadAllBytes(assembly.Location));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
