using Harmony.Genomics.Core;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Ingests the small-variant files of a sample sheet like <see cref="IngestJob"/> and, in the same atomic commit,
/// writes what the ALL knowledge base finds in them: <c>abnormalities</c> (per patient and specimen, pseudonymised
/// like sample names) and, on <c>variants</c>, per-ALT <c>gene</c>, <c>consequence</c>, <c>hgvs_c</c>, <c>hgvs_p</c>,
/// <c>hotspot</c> and <c>hotspot_name</c> columns; the sheet's
/// structural-variant, copy-number and fusion files add <c>structural_variants</c>, <c>fusions</c>, <c>segments</c>,
/// <c>gene_copy_number</c>, <c>chromosome_copy</c> and their <c>abnormalities</c> (see StructuralSheetIngest).
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
    /// <param name="clinicalPath">A clinical CSV/TSV keyed by <c>patient</c> (<c>--clinical</c>), read with the sheet's own clinical columns; or null.</param>
    /// <exception cref="HarmonyException">A malformed sheet or clinical value, or a configuration problem; the lake is unchanged.</exception>
    public static SampleSheetIngestResult Run(string sheetPath, IngestOptions options, GenomeAssembly? assembly = null, CancellationToken cancellationToken = default, string? clinicalPath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sheet = SampleSheet.Read(sheetPath);
        // Clinical values are validated before the lake is touched; only the allow-list is kept.
        var clinical = ClinicalColumns.Read(sheet, clinicalPath);
        if (clinical.NotStored.Count > 0)
        {
            options.Warning?.Invoke($"clinical columns not stored in the lake (not on the allow-list): {string.Join(", ", clinical.NotStored)}");
        }

        foreach (var warning in clinical.Warnings)
        {
            options.Warning?.Invoke(warning);
        }

        var pseudonymizer = SamplePseudonymizer.FromOptions(options.KeepSampleIds, options.KeyFile, options.GetEnvironmentVariable);
        var sources = new List<SpecimenSource>();
        var structural = new StructuralSheetIngest(sheetPath, sheet.Rows, options, assembly, pseudonymizer, clinical, clinicalPath);
        foreach (var row in sheet.Rows)
        {
            if (row.Kind != DataKind.SmallVariants)
            {
                structural.Add(row);
                continue;
            }

            // Prefixes keep patient, specimen and sample pseudonyms apart even when the raw ids coincide.
            sources.Add(new SpecimenSource(
                row,
                pseudonymizer.KeepsRawIds ? row.Patient : pseudonymizer.Pseudonymize("patient:" + row.Patient),
                pseudonymizer.KeepsRawIds ? row.Specimen : pseudonymizer.Pseudonymize("specimen:" + row.Specimen)));
        }

        // One file for several patients is a multi-sample VCF each takes a column of (sample_choice), or a sheet mistake
        // that gives every one of them the same findings: either way the user should know.
        foreach (var shared in sheet.Rows.GroupBy(r => Path.GetFullPath(r.File), StringComparer.Ordinal).Where(g => g.Select(r => r.Patient).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            var rows = string.Join(", ", shared.Select(r => r.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            options.Warning?.Invoke($"{Path.GetFileName(shared.Key)}: listed for {shared.Select(r => r.Patient).Distinct(StringComparer.Ordinal).Count()} patients (sheet lines {rows}); each gets the findings of the sample column chosen for it (specimens.sample_choice): check the sheet if that is one column for all");
        }

        if (sources.Count == 0 && structural.Count == 0)
        {
            throw new HarmonyException($"{sheetPath}: no rows to ingest");
        }

        // An explicit --device cuda without a device fails now, not at the end of the first file.
        Compute.Devices.DeviceSelector.Resolve(options.AlleleDepthDevice);

        // Structural, copy-number and fusion files are parsed and called before the lake is touched.
        structural.Prepare();
        var observer = new StructuralIngestObserver(new LeukemiaIngestObserver(sources, options, assembly, pseudonymizer), structural, sources, options.AlleleDepthDevice);
        var result = IngestJob.Run(sources.Select(s => s.Row.File).ToList(), options, observer, cancellationToken);
        return new SampleSheetIngestResult(result, observer.Abnormalities, []) { ClinicalRows = structural.ClinicalRows, ClinicalColumnsNotStored = clinical.NotStored, StructuralFiles = structural.Files };
    }
}
