using System.Diagnostics;
using System.Reflection;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// Writes a synthetic ALL cohort: per patient a Mutect2-like somatic VCF, a germline VCF at PGx and fingerprint
/// sites, a Manta-like SV VCF, a SEG copy-number file and optionally an Arriba-like fusion table, plus
/// <c>samplesheet.csv</c> (the format <c>harmony ingest --samplesheet</c> reads) and <c>truth.tsv</c>. Patients are
/// drawn from their own generators (seed, index), written in bounded parallel batches and appended in order, so the
/// output is byte-identical for a seed and version whatever the thread count, and memory does not grow with N.
/// </summary>
public static class SyntheticCohort
{
    private const int BatchPerThread = 16;

    /// <summary>The generator version stamped into the truth table (same seed and version ⇒ same bytes).</summary>
    public static string Version { get; } = typeof(SyntheticCohort).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Writes the cohort described by <paramref name="options"/>.</summary>
    /// <exception cref="HarmonyException">Bad options or an unwritable output folder.</exception>
    public static SynthResult Write(SynthOptions options) => Write(options, CohortParameters.Default);

    internal static SynthResult Write(SynthOptions options, CohortParameters parameters, KnowledgeBase? knowledgeBase = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);
        if (options.Patients < 1 || options.Patients > 99_999_999)
        {
            throw new HarmonyException($"synth: --patients must be between 1 and 99999999, got {options.Patients}");
        }

        var clock = Stopwatch.StartNew();
        var kb = knowledgeBase ?? KnowledgeBase.Default;
        var layout = new GenomeLayout(options.Assembly, kb);
        var model = new CohortModel(layout, parameters, options.Seed);
        var panel = new FingerprintPanel(layout);
        var germline = new GermlineVcfWriter(layout, parameters, panel);
        var root = Path.GetFullPath(options.OutputDirectory);
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarmonyException($"synth: cannot create {root}: {e.Message}", e);
        }

        var sheetPath = Path.Combine(root, "samplesheet.csv");
        var truthPath = Path.Combine(root, "truth.tsv");
        long files = 0;
        long truthRows = 0;
        using (var sheet = SynthVcf.Create(sheetPath))
        using (var truth = SynthVcf.Create(truthPath))
        {
            sheet.WriteLine(SampleSheetWriter.Header);
            TruthTableWriter.WriteHeader(truth, options, Version);
            var threads = Math.Max(1, options.Threads);
            var batch = threads * BatchPerThread;
            var results = new (List<string> Sheet, List<string> Truth, int Files)[batch];
            for (long first = 0; first < options.Patients; first += batch)
            {
                var count = (int)Math.Min(batch, options.Patients - first);
                var start = first;
                try
                {
                    Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                        results[i] = WritePatient(model.Draw(start + i), layout, panel, germline, parameters, options, root));
                }
                catch (AggregateException e) when (e.InnerExceptions.All(x => x is IOException or UnauthorizedAccessException))
                {
                    // A full disk or a read-only folder is the user's problem to fix, not a crash with a stack trace.
                    throw new HarmonyException($"synth: cannot write under {root}: {e.InnerExceptions[0].Message}", e);
                }
                for (var i = 0; i < count; i++)
                {
                    foreach (var line in results[i].Sheet)
                    {
                        sheet.WriteLine(line);
                    }

                    foreach (var line in results[i].Truth)
                    {
                        truth.WriteLine(line);
                    }

                    files += results[i].Files;
                    truthRows += results[i].Truth.Count;
                    results[i] = default;
                }

                options.Progress?.Invoke(first + count);
            }
        }

        return new SynthResult(options.Patients, files, truthRows, sheetPath, truthPath, clock.Elapsed);
    }

    private static (List<string> Sheet, List<string> Truth, int Files) WritePatient(SyntheticPatient patient, GenomeLayout layout, FingerprintPanel panel, GermlineVcfWriter germline, CohortParameters parameters, SynthOptions options, string root)
    {
        var folder = Path.Combine(root, patient.Id);
        Directory.CreateDirectory(folder);
        var seed = options.Seed;
        var somatic = $"{patient.TumourSpecimen}.somatic.vcf";
        var germlineFile = $"{patient.GermlineSpecimen}.germline.vcf";
        var sv = $"{patient.TumourSpecimen}.sv.vcf";
        var seg = $"{patient.TumourSpecimen}.seg";
        var fusions = $"{patient.TumourSpecimen}.fusions.tsv";
        SomaticVcfWriter.Write(Path.Combine(folder, somatic), patient, layout, parameters, panel, seed);
        germline.Write(Path.Combine(folder, germlineFile), patient, seed);
        StructuralVariantVcfWriter.Write(Path.Combine(folder, sv), patient, layout, seed);
        SegmentFileWriter.Write(Path.Combine(folder, seg), patient, layout, seed);
        var entries = new List<(string, string, string, string)>
        {
            (patient.TumourSpecimen, "tumour", $"{patient.Id}/{somatic}", "small_variants"),
            (patient.GermlineSpecimen, "germline", $"{patient.Id}/{germlineFile}", "small_variants"),
            (patient.TumourSpecimen, "tumour", $"{patient.Id}/{sv}", "structural_variants"),
            (patient.TumourSpecimen, "tumour", $"{patient.Id}/{seg}", "copy_number"),
        };
        if (options.Fusions)
        {
            ArribaFusionWriter.Write(Path.Combine(folder, fusions), patient, layout, seed);
            entries.Add((patient.TumourSpecimen, "tumour", $"{patient.Id}/{fusions}", "fusions"));
        }

        var sheet = SampleSheetWriter.Rows(patient, entries, parameters.MrdLimitOfDetection).ToList();
        var truth = patient.Truth.Select(TruthTableWriter.Row).ToList();
        return (sheet, truth, entries.Count);
    }
}
