using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Decides the reference assembly of a VCF from its header: the <c>##reference</c> name and the
/// <c>##contig</c> lengths compared with the GRCh37 and GRCh38 primary chromosome sizes. When the two
/// disagree, or neither says anything, the result is undecided rather than a guess; an override wins
/// (the evidence then records what the header said).
/// </summary>
public static class AssemblyDetector
{
    // Names seen in ##reference lines of common pipelines (GATK bundles, 1000 Genomes, UCSC, NCBI accessions).
    private static readonly string[] Grch38Names = ["grch38", "hg38", "hs38", "gca_000001405.15", "grch38_full_analysis_set", "homo_sapiens_assembly38"];
    private static readonly string[] Grch37Names = ["grch37", "hg19", "hs37", "b37", "human_g1k_v37", "gca_000001405.1/", "gca_000001405.1.", "homo_sapiens_assembly19", "hs37d5"];

    /// <summary>Detects the assembly of a header, or applies <paramref name="forced"/>.</summary>
    public static AssemblyDetection Detect(VcfHeader header, GenomeAssembly? forced = null, KnowledgeBase? kb = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        kb ??= KnowledgeBase.Default;
        var byName = FromReferenceLines(header, out var referenceText);
        var byLength = FromContigLengths(header, kb, out var lengthText);
        var said = string.Join("; ", new[] { referenceText, lengthText }.Where(s => s.Length > 0));
        if (forced is { } f)
        {
            var contradiction = (byName is { } n && n != f) || (byLength is { } l && l != f) ? " (contradicts the header)" : string.Empty;
            return new AssemblyDetection(f, $"forced {f}{contradiction}" + (said.Length > 0 ? $"; header: {said}" : string.Empty));
        }

        if (byName is { } name && byLength is { } length && name != length)
        {
            return new AssemblyDetection(null, $"conflict: {said}");
        }

        var decided = byLength ?? byName;
        return decided is null
            ? new AssemblyDetection(null, said.Length > 0 ? $"undecided: {said}" : "undecided: no ##reference and no ##contig lengths of primary chromosomes")
            : new AssemblyDetection(decided, said);
    }

    private static GenomeAssembly? FromReferenceLines(VcfHeader header, out string text)
    {
        text = string.Empty;
        var found = new HashSet<GenomeAssembly>();
        foreach (var line in header.MetaLines)
        {
            if (!line.Key.Equals("reference", StringComparison.OrdinalIgnoreCase) && !(line.Key == "contig" && line["assembly"] is not null))
            {
                continue;
            }

            var value = (line.Key == "contig" ? line["assembly"]! : line.Value).ToLowerInvariant();
            if (Grch38Names.Any(value.Contains))
            {
                found.Add(GenomeAssembly.GRCh38);
            }
            else if (Grch37Names.Any(value.Contains))
            {
                found.Add(GenomeAssembly.GRCh37);
            }
        }

        if (found.Count == 1)
        {
            text = $"##reference/assembly names {found.Single()}";
            return found.Single();
        }

        if (found.Count > 1)
        {
            text = "##reference/assembly names both GRCh37 and GRCh38";
        }

        return null;
    }

    private static GenomeAssembly? FromContigLengths(VcfHeader header, KnowledgeBase kb, out string text)
    {
        text = string.Empty;
        int matches37 = 0, matches38 = 0, compared = 0;
        foreach (var contig in header.Contigs)
        {
            var canonical = ContigAliases.Canonical(contig.Id);
            // chrM is left out: hg19's chrM (16,571 bp) and GRCh37's MT (rCRS, 16,569 bp) differ within one build.
            if (canonical is null || canonical == "chrM" || contig.Length is not { } length)
            {
                continue;
            }

            compared++;
            if (kb.ChromosomeSizes[GenomeAssembly.GRCh37].TryGetValue(canonical, out var l37) && l37 == length)
            {
                matches37++;
            }

            if (kb.ChromosomeSizes[GenomeAssembly.GRCh38].TryGetValue(canonical, out var l38) && l38 == length)
            {
                matches38++;
            }
        }

        if (compared == 0)
        {
            return null;
        }

        text = $"##contig lengths: {compared} primary contigs, {matches38} match GRCh38, {matches37} match GRCh37";
        // Every compared primary contig must agree; a mix means a non-standard reference, which is not guessed.
        if (matches38 == compared && matches37 < compared)
        {
            return GenomeAssembly.GRCh38;
        }

        if (matches37 == compared && matches38 < compared)
        {
            return GenomeAssembly.GRCh37;
        }

        return null;
    }
}
