using Harmony.Genomics.Core;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Ingests the small-variant files of a sample sheet like <see cref="IngestJob"/> and, in the same atomic commit,
/// writes what the ALL knowledge base finds in them: <c>abnormalities</c> (per patient and specimen, pseudonymised
/// like sample names) and <c>variant_annotations</c> (joined to <c>variants</c> by <c>variant_id</c>).
/// </summary>
/// <example>
/// <code>
/// var result = SampleSheetIngestJob.Run("sheet.csv", new IngestOptions { LakePath = "lake", KeyFile = "secret.key" });
/// Console.WriteLine(result.Abnormalities);
/// </code>
/// </example>
public static class SampleSheetIngestJob
{
    /// <summary>Reads the sheet and ingests its small-variant files.</summary>
    /// <param name="sheetPath">The CSV or TSV sample sheet.</param>
    /// <param name="options">Ingest options (lake, cohort, key, …).</param>
    /// <param name="assembly">Forces the assembly of every file (<c>--assembly</c>); detected per file when null.</param>
    /// <param name="cancellationToken">Cancels the run; the lake is then unchanged.</param>
    /// <exception cref="HarmonyException">A malformed sheet or a configuration problem; the lake is unchanged.</exception>
    public static SampleSheetIngestResult Run(string sheetPath, IngestOptions options, GenomeAssembly? assembly = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sheet = SampleSheet.Read(sheetPath);
        var pseudonymizer = SamplePseudonymizer.FromOptions(options.KeepSampleIds, options.KeyFile, options.GetEnvironmentVariable);
        var sources = new List<SpecimenSource>();
        var skipped = new List<string>();
        foreach (var row in sheet.Rows)
        {
            if (row.Kind != DataKind.SmallVariants)
            {
                var kind = row.Kind switch
                {
                    DataKind.StructuralVariants => "structural_variants",
                    DataKind.CopyNumber => "copy_number",
                    _ => "fusions",
                };
                skipped.Add($"line {row.Line}: {kind} {Path.GetFileName(row.File)}");
                options.Warning?.Invoke($"{sheetPath}: line {row.Line}: {kind} files are not ingested yet; skipped");
                continue;
            }

            // Prefixes keep patient, specimen and sample pseudonyms apart even when the raw ids coincide.
            sources.Add(new SpecimenSource(
                row,
                pseudonymizer.KeepsRawIds ? row.Patient : pseudonymizer.Pseudonymize("patient:" + row.Patient),
                pseudonymizer.KeepsRawIds ? row.Specimen : pseudonymizer.Pseudonymize("specimen:" + row.Specimen)));
        }

        if (sources.Count == 0)
        {
            throw new HarmonyException($"{sheetPath}: no small_variants rows to ingest");
        }

        var observer = new LeukemiaIngestObserver(sources, options, assembly, pseudonymizer);
        var result = IngestJob.Run(sources.Select(s => s.Row.File).ToList(), options, observer, cancellationToken);
        return new SampleSheetIngestResult(result, observer.Abnormalities, skipped);
    }
}
