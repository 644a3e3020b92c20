using System.Security.Cryptography;
using System.Text;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Lake;

/// <summary>
/// Replaces sample ids (which often carry patient names or hospital numbers) with keyed pseudonyms before they reach the lake:
/// <c>"hs_" + the first 24 hex digits of HMAC-SHA256(key, UTF-8 id)</c>. The same key always gives the same pseudonym, so
/// runs can be joined; without the key the ids cannot be recovered or confirmed by guessing.
/// </summary>
/// <remarks>
/// <code>
/// var p = SamplePseudonymizer.FromOptions(keepSampleIds: false, keyFile: "/secure/lake.key", Environment.GetEnvironmentVariable);
/// var id = p.Pseudonymize("PATIENT_0042"); // "hs_…" (24 hex digits)
/// </code>
/// </remarks>
public sealed class SamplePseudonymizer
{
    /// <summary>The environment variable that holds the key when no key file is given.</summary>
    public const string KeyEnvironmentVariable = "HARMONY_PSEUDONYM_KEY";

    /// <summary>The shortest key accepted from a file or the environment: 128 bits.</summary>
    public const int MinimumKeyBytes = 16;

    private const string Prefix = "hs_";
    private const int HexDigits = 24;
    private readonly byte[]? _key;

    private SamplePseudonymizer(byte[]? key)
    {
        _key = key;
    }

    /// <summary>The pseudonymizer that keeps raw ids (the user opted out with <c>--keep-sample-ids</c>).</summary>
    public static SamplePseudonymizer KeepRaw { get; } = new(null);

    /// <summary>Whether ids pass through unchanged.</summary>
    public bool KeepsRawIds => _key is null;

    /// <summary>Creates a pseudonymizer with a secret key (copied).</summary>
    /// <param name="key">The HMAC key; at least one byte (use 16 or more; <see cref="FromOptions"/> insists).</param>
    /// <returns>The pseudonymizer.</returns>
    public static SamplePseudonymizer FromKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new HarmonyException("The pseudonymisation key is empty.");
        }

        return new SamplePseudonymizer(key.ToArray());
    }

    /// <summary>
    /// Chooses the pseudonymizer from command-line options: the key from <paramref name="keyFile"/> (its bytes, without a
    /// trailing newline) or from <c>HARMONY_PSEUDONYM_KEY</c>; raw ids only when <paramref name="keepSampleIds"/> is set.
    /// </summary>
    /// <param name="keepSampleIds">The user's explicit opt-out (<c>--keep-sample-ids</c>).</param>
    /// <param name="keyFile">The <c>--key-file</c> path, or <c>null</c>.</param>
    /// <param name="getEnv">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/> in production).</param>
    /// <returns>The pseudonymizer.</returns>
    public static SamplePseudonymizer FromOptions(bool keepSampleIds, string? keyFile, Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(getEnv);
        if (keepSampleIds)
        {
            if (keyFile is not null)
            {
                throw new HarmonyException("--keep-sample-ids and --key-file contradict each other: pass one of them.");
            }

            return KeepRaw;
        }

        if (keyFile is not null)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(keyFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new HarmonyException($"Cannot read the pseudonymisation key file '{keyFile}': {ex.Message}", ex);
            }

            // Editors and `echo > key` add a newline; it is not part of the key.
            var length = bytes.Length;
            while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r')
            {
                length--;
            }

            return FromCheckedKey(bytes.AsSpan(0, length), $"the key file '{keyFile}'");
        }

        var fromEnv = getEnv(KeyEnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return FromCheckedKey(Encoding.UTF8.GetBytes(fromEnv), $"the environment variable {KeyEnvironmentVariable}");
        }

        throw new HarmonyException(
            "Sample ids must be pseudonymised before they are stored: pass --key-file <file> with a secret key of at least "
            + $"{MinimumKeyBytes} bytes, or set {KeyEnvironmentVariable}, or opt out explicitly with --keep-sample-ids.");
    }

    /// <summary>Returns the pseudonym of a raw sample id (or the id itself for <see cref="KeepRaw"/>).</summary>
    /// <param name="rawId">The sample id from the VCF header.</param>
    /// <returns><c>hs_</c> followed by 24 lowercase hex digits.</returns>
    public string Pseudonymize(string rawId)
    {
        ArgumentNullException.ThrowIfNull(rawId);
        if (_key is null)
        {
            return rawId;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(rawId), mac);
        return Prefix + Convert.ToHexStringLower(mac[..(HexDigits / 2)]);
    }

    private static SamplePseudonymizer FromCheckedKey(ReadOnlySpan<byte> key, string origin)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new HarmonyException($"The pseudonymisation key from {origin} has {key.Length} bytes; use at least {MinimumKeyBytes} random bytes (e.g. `openssl rand -hex 32`).");
        }

        return new SamplePseudonymizer(key.ToArray());
    }
}
