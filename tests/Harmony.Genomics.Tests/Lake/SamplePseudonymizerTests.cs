using System.Security.Cryptography;
using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Tests.Lake;

public sealed class SamplePseudonymizerTests : IDisposable
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef-secret");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "harmony-key-tests", Guid.NewGuid().ToString("N"));

    public SamplePseudonymizerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Pseudonymize_IsHmacSha256Prefix_AndStable()
    {
        var p = SamplePseudonymizer.FromKey(Key);
        var expected = "hs_" + Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("PATIENT_1")))[..24];
        Assert.Equal(expected, p.Pseudonymize("PATIENT_1"));
        Assert.Equal(expected, SamplePseudonymizer.FromKey(Key).Pseudonymize("PATIENT_1"));
        Assert.Matches("^hs_[0-9a-f]{24}$", p.Pseudonymize("ü"));
        Assert.NotEqual(expected, p.Pseudonymize("PATIENT_2"));
        Assert.False(p.KeepsRawIds);
    }

    [Fact]
    public void Pseudonymize_DifferentKey_DifferentPseudonym()
    {
        var other = SamplePseudonymizer.FromKey(Encoding.UTF8.GetBytes("another-key-of-16b"));
        Assert.NotEqual(SamplePseudonymizer.FromKey(Key).Pseudonymize("S1"), other.Pseudonymize("S1"));
    }

    [Fact]
    public void KeepRaw_ReturnsRawId()
    {
        Assert.True(SamplePseudonymizer.KeepRaw.KeepsRawIds);
        Assert.Equal("PATIENT_1", SamplePseudonymizer.KeepRaw.Pseudonymize("PATIENT_1"));
        Assert.Same(SamplePseudonymizer.KeepRaw, SamplePseudonymizer.FromOptions(true, null, _ => "ignored-environment-key"));
    }

    [Fact]
    public void FromOptions_KeyFileWithTrailingNewline_SameAsKeyWithout()
    {
        var file = Path.Combine(_dir, "key");
        File.WriteAllBytes(file, [.. Key, (byte)'\n']);
        var p = SamplePseudonymizer.FromOptions(false, file, _ => null);
        Assert.Equal(SamplePseudonymizer.FromKey(Key).Pseudonymize("S1"), p.Pseudonymize("S1"));
    }

    [Fact]
    public void FromOptions_KeyFileTakesPrecedenceOverEnvironment()
    {
        var file = Path.Combine(_dir, "key");
        File.WriteAllBytes(file, Key);
        var p = SamplePseudonymizer.FromOptions(false, file, _ => "environment-key-0123456789");
        Assert.Equal(SamplePseudonymizer.FromKey(Key).Pseudonymize("S1"), p.Pseudonymize("S1"));
    }

    [Fact]
    public void FromOptions_ShortKeyFile_Throws()
    {
        var file = Path.Combine(_dir, "key");
        File.WriteAllText(file, "short\n");
        var e = Assert.Throws<HarmonyException>(() => SamplePseudonymizer.FromOptions(false, file, _ => null));
        Assert.Contains("16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_MissingKeyFile_ThrowsNamingIt()
    {
        var file = Path.Combine(_dir, "absent");
        var e = Assert.Throws<HarmonyException>(() => SamplePseudonymizer.FromOptions(false, file, _ => null));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_EnvironmentKey_UsedWhenNoFile()
    {
        var p = SamplePseudonymizer.FromOptions(false, null, name => name == "HARMONY_PSEUDONYM_KEY" ? "0123456789abcdef-secret" : null);
        Assert.Equal(SamplePseudonymizer.FromKey(Key).Pseudonymize("S1"), p.Pseudonymize("S1"));
    }

    [Fact]
    public void FromOptions_NoKeyAndNoOptOut_TellsUserTheThreeWays()
    {
        var e = Assert.Throws<HarmonyException>(() => SamplePseudonymizer.FromOptions(false, null, _ => null));
        Assert.Contains("--key-file", e.Message, StringComparison.Ordinal);
        Assert.Contains("HARMONY_PSEUDONYM_KEY", e.Message, StringComparison.Ordinal);
        Assert.Contains("--keep-sample-ids", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_KeepIdsAndKeyFile_Contradict()
    {
        Assert.Throws<HarmonyException>(() => SamplePseudonymizer.FromOptions(true, "key", _ => null));
    }
}
