using Harmony.Genomics.Cli;

namespace Harmony.Genomics.Tests.Compute.Kernels;

public sealed class QcCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harmony-qc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void QcAndFingerprintWriteTheirTablesFromTheLake()
    {
        var lake = Path.Combine(_dir, "lake");
        var vcf = Path.Combine(AppContext.BaseDirectory, "testdata", "demo", "cohort-germline.vcf.gz");
        Assert.Equal(0, Run("ingest", vcf, "--lake", lake, "--keep-sample-ids").Code);
        var qc = Run("qc", lake, "--device", "cpu");
        Assert.True(qc.Code == 0, qc.Err);
        var fp = Run("fingerprint", lake, "--device", "auto");
        Assert.True(fp.Code == 0, fp.Err);
        Assert.Contains("0 duplicate", fp.Out, StringComparison.Ordinal);

        // variant_stats agrees with the calls table (sparse: absent rows are hom-ref).
        var check = Run("query", lake, """
            with c as (select variant_id, count(*) filter (where gt_alleles[1] <> gt_alleles[2]) as het,
                              count(*) filter (where gt_alleles[1] = gt_alleles[2] and gt_alleles[1] > 0) as hom from calls group by variant_id)
            select count(*) from variant_stats s join c using (variant_id) where s.n_het <> c.het or s.n_hom_alt <> c.hom
            """, "--format", "csv");
        Assert.Equal("count_star()\r\n0\r\n", check.Out);
        var rows = Run("query", lake, "select (select count(*) from variant_stats), (select count(*) from sample_qc), (select count(*) from variant_stats s join variants v using (variant_id) where coalesce(hwe_p between 0 and 1, false) = (len(v.alts) = 1))", "--format", "csv");
        Assert.EndsWith("3000,24,3000\r\n", rows.Out, StringComparison.Ordinal);
        var cuda = Run("qc", lake, "--device", "cuda");
        if (!Harmony.Genomics.Compute.Devices.GpuSession.CudaAvailable())
        {
            Assert.Equal(1, cuda.Code);
            Assert.Contains("no CUDA device", cuda.Err, StringComparison.Ordinal);
        }
    }
}
