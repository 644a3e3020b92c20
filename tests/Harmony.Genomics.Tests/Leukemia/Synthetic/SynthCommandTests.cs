using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary><c>harmony synth</c> end to end through the command line.</summary>
public sealed class SynthCommandTests
{
    [Fact]
    public void Synth_command_writes_the_cohort_and_reports_the_rate()
    {
        var root = Path.Combine(Path.GetTempPath(), "harmony-synth-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var rc = Program.Run(["synth", "--patients", "4", "--assembly", "GRCh37", "--seed", "5", "--out", root, "--fusions", "false"], stdout, stderr);
            Assert.True(rc == 0, stderr.ToString());
            Assert.Contains("synth: 4 patients, 16 files", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("patients/s", stdout.ToString(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(root, "samplesheet.csv")));
            Assert.Contains("##reference=GRCh37", File.ReadAllText(Path.Combine(root, "SYN000004", "SYN000004-DX.somatic.vcf")), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(root, "SYN000004", "SYN000004-DX.fusions.tsv")));
        }
        finally
        {
            TestPaths.TryDelete(root);
        }
    }
}
