using System.IO.Compression;
using System.Text;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

/// <summary>
/// Damaged copies of real files (bcftools' test VCFs, testdata/conformance) never get past the engine's error discipline:
/// each ingest either succeeds or exits 1 with one message that names the file and the byte offset of the fault (and the
/// line, for text), and a failed ingest leaves no Parquet file in the lake. An exception of any other kind (an index out
/// of range, a null reference), an internal error (exit 70) or a half-written lake is a defect. The damage is random
/// but seeded (a failure names its seed and damage, and reproduces), of the kinds that truncated transfers, editors and
/// hand-made files cause: bytes changed, inserted or dropped, lines cut short, doubled, given too many or too few
/// columns, header lines garbled, CRLF line ends, and BGZF blocks corrupted after compression.
/// </summary>
public sealed class MutatedInputTests : IDisposable
{
    private static readonly string[] Tokens =
    [
        "\0", "\r", "\t", ";", "=", ",", ":", ".", "-", "9999999999999", "\u00ff", "<DEL>", "[chr1:1[", "\n", "#", "/", "|",
        "nan", "1e400", "-2147483648", "2147483647", " ", "%", "\"", "0/1", "1|0:5", "A,C", "GT", "",
    ];

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 8)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void DamagedFiles_FailCleanly_OrIngest(int seed)
    {
        var random = new Random(seed);
        var corpus = Corpus();
        Assert.NotEmpty(corpus);
        var failures = new List<string>();
        var rejected = 0;
        for (var i = 0; i < 25; i++)
        {
            var source = corpus[random.Next(corpus.Length)];
            var text = File.ReadAllBytes(source);
            var damage = new List<string>();
            for (var k = random.Next(1, 3); k > 0 && text.Length > 0; k--)
            {
                text = Damage(text, random, damage);
            }

            var (name, bytes) = Package(text, random, damage);
            var input = Path.Combine(_dir, $"case{i}-{name}");
            File.WriteAllBytes(input, bytes);
            var lake = Path.Combine(_dir, $"lake{i}");
            var lenient = random.Next(4) == 0;
            var result = Ingest(input, lake, lenient);
            var what = $"seed {seed} case {i} ({Path.GetFileName(source)}, {string.Join(", ", damage)}{(lenient ? ", --lenient" : "")})";
            if (result.ExitCode == 0)
            {
                continue;
            }

            rejected++;

            // Warnings (a field not in the header, say) may come first; then one error.
            var errors = result.StandardError.Split('\n').Where(l => l.StartsWith("harmony: error: ", StringComparison.Ordinal)).ToList();
            var error = errors.Count == 1 ? errors[0] : result.StandardError.Trim();
            if (result.ExitCode != 1)
            {
                failures.Add($"{what}: exit {result.ExitCode}: {error}");
            }
            else if (errors.Count != 1 || !error.StartsWith($"harmony: error: {input}: ", StringComparison.Ordinal)
                || !error.Contains("byte ", StringComparison.Ordinal))
            {
                failures.Add($"{what}: not one error naming the file and the byte: {result.StandardError.Trim()}");
            }
            else if (Directory.Exists(lake) && Directory.EnumerateFiles(lake, "*.parquet", SearchOption.AllDirectories).Any())
            {
                failures.Add($"{what}: failed, yet the lake holds Parquet files");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The damage must reach the error paths: a run whose damage the engine all took in its stride tests nothing.
        Assert.True(rejected >= 5, $"only {rejected} of 25 damaged files were rejected");
    }

    /// <summary>
    /// On damaged files too, two threads (decoder workers racing over chunks of three records) ingest what one thread
    /// ingests: the same lake row by row and the same warnings, or the same error.
    /// </summary>
    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    public void DamagedFiles_TwoThreads_SameLakeOrSameErrorAsOne(int seed)
    {
        var random = new Random(seed);
        var corpus = Corpus();
        var failures = new List<string>();
        var errors = 0;
        for (var i = 0; i < 12; i++)
        {
            var source = corpus[random.Next(corpus.Length)];
            var damage = new List<string>();
            var (name, bytes) = Package(Damage(File.ReadAllBytes(source), random, damage), random, damage);
            var input = Path.Combine(_dir, $"case{i}-{name}");
            File.WriteAllBytes(input, bytes);
            var lenient = random.Next(3) == 0;
            var one = IngestDump.Of(input, Path.Combine(_dir, $"one{i}"), threads: 1, lenient);
            var two = IngestDump.Of(input, Path.Combine(_dir, $"two{i}"), threads: 2, lenient, chunkRecords: 3);
            errors += one.StartsWith("error: ", StringComparison.Ordinal) ? 1 : 0;
            if (one != two)
            {
                failures.Add($"seed {seed} case {i} ({Path.GetFileName(source)}, {string.Join(", ", damage)}{(lenient ? ", lenient" : "")}): "
                    + FirstDifference.Of(one, two, "one thread", "two threads"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(errors >= 2, $"only {errors} of 12 damaged files failed");
    }

    private static string[] Corpus() =>
        Directory.GetFiles(TestPaths.TestData("conformance/bcftools-test"), "*.vcf")
            .Where(f => new FileInfo(f).Length < 64 << 10)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static ProcessResult Ingest(string input, string lake, bool lenient) => lenient
        ? HarmonyCli.RunReportingCrash("ingest", input, "--lake", lake, "--keep-sample-ids", "--lenient")
        : HarmonyCli.RunReportingCrash("ingest", input, "--lake", lake, "--keep-sample-ids");

    // One random kind of damage to the text; its description goes to damage.
    private static byte[] Damage(byte[] text, Random random, List<string> damage)
    {
        var lines = Encoding.Latin1.GetString(text).Split('\n').ToList();
        var records = Enumerable.Range(0, lines.Count).Where(i => lines[i].Length > 0 && lines[i][0] != '#').ToList();
        var meta = Enumerable.Range(0, lines.Count).Where(i => lines[i].StartsWith("##", StringComparison.Ordinal)).ToList();
        var at = random.Next(text.Length);
        switch (random.Next(9))
        {
            case 0:
                damage.Add($"byte {at} changed");
                var changed = (byte[])text.Clone();
                changed[at] = (byte)random.Next(256);
                return changed;
            case 1:
                var token = Tokens[random.Next(Tokens.Length)];
                damage.Add($"'{Escape(token)}' inserted at byte {at}");
                return [.. text[..at], .. Encoding.Latin1.GetBytes(token), .. text[at..]];
            case 2:
                var length = random.Next(1, 50);
                damage.Add($"{length} bytes dropped at byte {at}");
                return [.. text[..at], .. text[Math.Min(text.Length, at + length)..]];
            case 3:
                damage.Add($"cut at byte {at}");
                return text[..at];
            case 4:
                var line = random.Next(lines.Count);
                damage.Add($"line {line + 1} doubled");
                lines.Insert(random.Next(lines.Count), lines[line]);
                break;
            case 5 when records.Count > 0:
                var record = records[random.Next(records.Count)];
                var columns = lines[record].Split('\t').ToList();
                var column = random.Next(columns.Count);
                columns[column] = Tokens[random.Next(Tokens.Length)];
                damage.Add($"line {record + 1} column {column + 1} replaced by '{Escape(columns[column])}'");
                lines[record] = string.Join('\t', columns);
                break;
            case 6 when records.Count > 0:
                var shortened = records[random.Next(records.Count)];
                var fields = lines[shortened].Split('\t').ToList();
                if (random.Next(2) == 0 && fields.Count > 1)
                {
                    fields.RemoveAt(random.Next(fields.Count));
                    damage.Add($"line {shortened + 1} one column short");
                }
                else
                {
                    fields.Add(Tokens[random.Next(Tokens.Length)]);
                    damage.Add($"line {shortened + 1} one column more");
                }

                lines[shortened] = string.Join('\t', fields);
                break;
            case 7 when meta.Count > 0:
                var garbled = meta[random.Next(meta.Count)];
                var where = random.Next(lines[garbled].Length);
                var with = Tokens[random.Next(Tokens.Length)];
                damage.Add($"header line {garbled + 1} garbled at {where} with '{Escape(with)}'");
                lines[garbled] = lines[garbled][..where] + with + lines[garbled][Math.Min(lines[garbled].Length, where + 1)..];
                break;
            case 8:
                damage.Add("CRLF line ends");
                return Encoding.Latin1.GetBytes(string.Join("\r\n", lines));
            default:
                damage.Add($"cut at byte {at}");
                return text[..at];
        }

        return Encoding.Latin1.GetBytes(string.Join('\n', lines));
    }

    // The text as a plain VCF, BGZF (sometimes with a byte of its compressed data changed) or plain gzip.
    private static (string Name, byte[] Bytes) Package(byte[] text, Random random, List<string> damage)
    {
        switch (random.Next(5))
        {
            case 0:
            case 1:
                using (var output = new MemoryStream())
                {
                    using (var bgzf = new BgzfWriter(output, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        bgzf.Write(text);
                    }

                    var bytes = output.ToArray();
                    if (random.Next(2) == 0 && bytes.Length > 40)
                    {
                        var at = random.Next(18, bytes.Length);
                        bytes[at] ^= (byte)random.Next(1, 256);
                        damage.Add($"compressed byte {at} changed");
                    }

                    return ("in.vcf.gz", bytes);
                }

            case 2:
                using (var output = new MemoryStream())
                {
                    using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gzip.Write(text);
                    }

                    return ("in.gz.vcf.gz", output.ToArray());
                }

            default:
                return ("in.vcf", text);
        }
    }

    private static string Escape(string token) => token.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
