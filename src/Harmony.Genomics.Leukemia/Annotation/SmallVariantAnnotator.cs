using System.Globalization;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Annotates the SNV/indel records of one VCF for one specimen against the knowledge base: gene overlap, B-ALL
/// hotspots (trimmed alleles, per ALT), VEP/SnpEff consequences when the file carries them, NOTCH1/FBXW7 T-ALL
/// domain calls and germline predisposition flags; TPMT/NUDT15 genotypes are collected for
/// <see cref="Complete"/>. Feed every record to <see cref="Annotate"/>, then call <see cref="Complete"/> once.
/// </summary>
public sealed class SmallVariantAnnotator
{
    // Genes the T-ALL classifier needs that are not in the knowledge base's ALL gene table.
    private static readonly string[] ExtraReportableGenes = ["PIK3CA", "PIK3R1", "DNMT3A", "IDH1", "IDH2"];
    private static readonly string[] Fbxw7Transcripts = ["NM_033632", "ENST00000281708"];
    private static readonly string[] Fbxw7Arginines = ["p.R465", "p.R479", "p.R505"];

    // Knowledge-base gap (PROVENANCE.md, ALL-knowledge.md §4.4): genomic positions of R465/R479/R505 were not found in a
    // citable, licensed file, so unannotated records in FBXW7 are not called; VEP/SnpEff on NM_033632 is the only route.
    private const string Fbxw7Gap = "FBXW7 WD40 arginines (R465/R479/R505 on NM_033632) not assessable from coordinates: protein numbering is isoform-dependent and the knowledge base asserts no FBXW7 codon or exon positions (PROVENANCE.md gap); only VEP/SnpEff consequences on NM_033632/ENST00000281708 are used";

    private readonly KnowledgeBase _kb;
    private readonly string _sourceName;
    private readonly SpecimenType _specimenType;
    private readonly IntervalIndex<GeneEntry> _genes;
    private readonly IntervalIndex<ExonEntry> _exons;
    private readonly HotspotIndex _hotspots;
    private readonly ConsequenceParser _consequences;
    private readonly HashSet<string> _reportable;
    private readonly Dictionary<string, GermlinePredispositionGene> _germline;
    private readonly SampleChoice _sample;
    private readonly string _origin;
    private readonly int _normal = -1;
    private readonly List<Abnormality> _abnormalities = [];
    private readonly List<string> _warnings = [];
    private readonly PgxGenotypeCollector? _pgx;
    private bool _fbxw7Warned;

    /// <summary>Prepares annotation of one file.</summary>
    /// <param name="header">The VCF header.</param>
    /// <param name="sourceName">The file name used in evidence.</param>
    /// <param name="specimenType">What the specimen is.</param>
    /// <param name="specimenId">The specimen id as in the sample sheet (to find its sample column), or null.</param>
    /// <param name="forcedAssembly">Forces the assembly (<c>--assembly</c>).</param>
    /// <param name="knowledgeBase">The knowledge base; the embedded one by default.</param>
    public SmallVariantAnnotator(VcfHeader header, string sourceName, SpecimenType specimenType, string? specimenId = null, GenomeAssembly? forcedAssembly = null, KnowledgeBase? knowledgeBase = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        _kb = knowledgeBase ?? KnowledgeBase.Default;
        _sourceName = sourceName;
        _specimenType = specimenType;
        Assembly = AssemblyDetector.Detect(header, forcedAssembly, _kb);
        var assembly = Assembly.Assembly ?? GenomeAssembly.GRCh38;
        _genes = new IntervalIndex<GeneEntry>(_kb.Genes.Where(g => g.On(assembly) is not null).Select(g => (g.On(assembly)!.Value, g)));
        _exons = new IntervalIndex<ExonEntry>(_kb.Exons.Where(e => e.Assembly == assembly).Select(e => (e.Interval, e)));
        _hotspots = new HotspotIndex(_kb.Hotspots);
        _consequences = new ConsequenceParser(header);
        _reportable = [.. _kb.Genes.Where(g => !g.Symbol.EndsWith("_locus", StringComparison.Ordinal)).Select(g => g.Symbol), .. ExtraReportableGenes];
        _germline = _kb.GermlineGenes.ToDictionary(g => g.Gene, StringComparer.Ordinal);
        _sample = SampleChoice.For(header, specimenType, specimenId);
        _origin = specimenType != SpecimenType.Tumour ? "germline"
            : header.SampleNames.Count >= 2 || header.MetaLines.Any(m => m.Key == "normal_sample") ? "somatic" : "unknown";

        // The matched normal of a tumour file: the ##normal_sample column, or the other of two. A variant it carries too
        // is germline, not somatic (TP53 in Li-Fraumeni, PAX5 p.R38H: ALL-knowledge.md §6).
        if (specimenType == SpecimenType.Tumour && header.SampleNames.Count >= 2)
        {
            var declared = header.MetaLines.FirstOrDefault(m => m.Key == "normal_sample")?.Value;
            _normal = declared is not null ? header.SampleNames.ToList().IndexOf(declared)
                : header.SampleNames.Count == 2 ? 1 - _sample.Index
                : -1;
            _normal = _normal == _sample.Index ? -1 : _normal;
        }
        if (Assembly.Assembly is null)
        {
            _warnings.Add($"{sourceName}: assembly not determined ({Assembly.Evidence}); coordinate rules (gene overlap, hotspots, domains, TPMT/NUDT15) skipped; use --assembly to set it");
        }
        else if (_sample.IsGuess)
        {
            // TPMT/NUDT15 are the patient's dosing genotype: a guessed column of a joint-called file (a trio's MOTHER
            // first) would give the patient another person's diplotype.
            _warnings.Add($"{sourceName}: TPMT/NUDT15 not called from this file: the specimen's sample column is a guess ({_sample.Reason}); name the column like the specimen or add ##{(specimenType == SpecimenType.Tumour ? "tumor_sample" : "normal_sample")}");
        }
        else
        {
            _pgx = new PgxGenotypeCollector(_kb, Assembly.Assembly.Value);
        }

        if (_sample.IsGuess)
        {
            _warnings.Add($"{sourceName}: specimen taken from the {_sample.Reason}");
        }
    }

    /// <summary>The assembly used, and why.</summary>
    public AssemblyDetection Assembly { get; }

    /// <summary>The 0-based sample column taken as the specimen, or -1 for a sites-only file.</summary>
    public int SampleIndex => _sample.Index;

    /// <summary>Why that column was taken (e.g. <c>##tumor_sample</c>, <c>single sample column</c>).</summary>
    public string SampleReason => _sample.Reason;

    /// <summary>Problems worth telling the user (undetermined assembly, ambiguous sample column, rules not assessable).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Annotates one record: one entry per ALT allele (symbolic and <c>*</c> ALTs get an entry without annotation).</summary>
    public IReadOnlyList<VariantAnnotation> Annotate(VcfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var chrom = record.GetString(record.Chromosome) ?? string.Empty;
        var contig = ContigAliases.Canonical(chrom);
        var reference = record.GetString(record.Reference) ?? string.Empty;
        var alts = record.AlternateAlleles.Select(a => record.GetString(a) ?? string.Empty).ToList();
        var consequences = _consequences.HasAnnotations ? _consequences.Parse(record, [reference], alts) : null;
        var passed = record.FilterMissing || record.Filters.All(f => record.GetString(f) == "PASS");
        var result = new List<VariantAnnotation>(alts.Count);
        if (contig is not null && _pgx is not null)
        {
            _pgx.Observe(record, contig, reference, alts, _sample.Index, $"{_sourceName}:{record.LineNumber}", filtered: !passed);
        }

        for (var a = 0; a < alts.Count; a++)
        {
            var alt = alts[a];
            var chosen = consequences is null ? null : ConsequenceParser.Choose(consequences[a], Fbxw7Transcripts);
            if (!IsSequence(alt) || !IsSequence(reference))
            {
                result.Add(new VariantAnnotation(a, chosen?.Gene, chosen?.Consequence, chosen?.HgvsC, chosen?.HgvsP, null));
                continue;
            }

            var trimmed = TrimmedAllele.Trim(record.Position, reference, alt);
            var overlapping = contig is null || Assembly.Assembly is null ? [] : _genes.Query(contig, trimmed.Position, trimmed.End).Where(g => !g.Symbol.EndsWith("_locus", StringComparison.Ordinal)).ToList();
            var hotspot = contig is null || Assembly.Assembly is not { } asm ? null : _hotspots.Find(asm, contig, trimmed);
            var gene = NullIfEmpty(chosen?.Gene) ?? hotspot?.Gene ?? (overlapping.Count > 0 ? string.Join(",", overlapping.Select(g => g.Symbol)) : null);
            result.Add(new VariantAnnotation(a, gene, NullIfEmpty(chosen?.Consequence), NullIfEmpty(chosen?.HgvsC), NullIfEmpty(chosen?.HgvsP), hotspot));
            if (passed && IsPresent(record, a))
            {
                Judge(record, chrom, contig, reference, alt, a, trimmed, chosen, hotspot, overlapping);
            }
        }

        return result;
    }

    /// <summary>
    /// The abnormalities of the file, TPMT/NUDT15 results last (for a tumour specimen only genes with a defining
    /// variant or no-call in the file, flagged as tumour-derived). Call once, after the last record.
    /// </summary>
    public IReadOnlyList<Abnormality> Complete()
    {
        if (_pgx is not null)
        {
            var flag = _specimenType == SpecimenType.Tumour ? "called from tumour DNA: leukaemic LOH or deletion at 6p22/13q14 can mimic homozygosity; confirm on a germline sample" : null;
            foreach (var call in _pgx.Call())
            {
                // Leukaemic DNA is not the place for PGx (ALL-knowledge.md 5.3): a tumour file only reports a gene
                // when it carries a defining variant or no-call, never a "normal" call from sites it simply lacks.
                if (_specimenType == SpecimenType.Tumour && call.Evidence.Count == 0)
                {
                    continue;
                }

                // From leukaemic DNA the genotype is not known to be the germline one: origin unknown, certainty Partial.
                var detail = $"phenotype {call.Phenotype}; {call.Detail}" + (flag is null ? string.Empty : "; " + flag);
                var fromTumour = _specimenType == SpecimenType.Tumour;
                _abnormalities.Add(new Abnormality($"{call.Gene} {call.Diplotype}", "pharmacogenomic", [call.Gene], detail, call.Evidence.Count > 0 ? string.Join("; ", call.Evidence) : _sourceName, fromTumour ? "unknown" : "germline", fromTumour ? Certainty.Partial : call.Certainty));
            }
        }

        return _abnormalities;
    }

    /// <summary>The consequence annotation the file carries (<c>VEP CSQ</c>, <c>SnpEff ANN</c>), or null when it has none.</summary>
    public string? ConsequenceSource => _consequences.Source;

    /// <summary>
    /// Whether a finding of this annotator was read from a VEP/SnpEff consequence (its detail carries the annotator's
    /// consequence, written as <c>VEP: …</c> or <c>SnpEff: …</c>), i.e. its file was annotated.
    /// </summary>
    /// <param name="finding">A finding.</param>
    internal static bool CarriesConsequence(Abnormality finding) =>
        finding.Category is "mutation" or "germline"
        && finding.Detail.Split("; ").Any(part => part.StartsWith(ConsequencePrefix("VEP"), StringComparison.Ordinal) || part.StartsWith(ConsequencePrefix("SnpEff"), StringComparison.Ordinal));

    /// <summary>The TPMT and NUDT15 calls (also written as abnormalities by <see cref="Complete"/>); empty without an assembly.</summary>
    public IReadOnlyList<PgxCall> PharmacogenomicCalls() => _pgx?.Call() ?? [];

    private void Judge(VcfRecord record, string chrom, string? contig, string reference, string alt, int altIndex, TrimmedAllele trimmed, ConsequenceAnnotation? annotation, HotspotEntry? hotspot, List<GeneEntry> overlapping)
    {
        var evidence = $"{_sourceName}:{record.LineNumber} {chrom}:{record.Position.ToString(CultureInfo.InvariantCulture)} {reference}>{alt}";
        var call = CallDetail(record, altIndex);
        var annotated = annotation is not null && ConsequenceClass.IsProteinAltering(annotation.Consequence) ? annotation : null;
        var gene = hotspot?.Gene ?? NullIfEmpty(annotated?.Gene) ?? overlapping.FirstOrDefault()?.Symbol;
        string? name = null;
        var details = new List<string>();
        var certainty = Certainty.VerifiedData;
        if (hotspot is not null)
        {
            name = $"{hotspot.Gene} {hotspot.ProteinChange}";
            details.Add($"{hotspot.Transcript}:{hotspot.ProteinChange}");
            details.Add($"B-ALL hotspot (MD-ALL cohort count {hotspot.CohortCount.ToString(CultureInfo.InvariantCulture)})");
            if (hotspot.SubtypeSignature.Length > 0)
            {
                details.Add($"subtype-defining: {hotspot.SubtypeSignature}");
            }

            if (hotspot.Certainty == Certainty.Derived)
            {
                details.Add("GRCh37 position derived from GRCh38 by a constant gene offset [D]: re-check with liftover before clinical use");
            }

            certainty = Weakest(certainty, hotspot.Certainty);
        }
        else if (annotated is not null && gene is not null && _reportable.Contains(gene))
        {
            var protein = ProteinNotation.Short(annotated.HgvsP);
            name = protein.Length > 0 ? $"{gene} {protein}" : annotated.HgvsC.Length > 0 ? $"{gene} {ProteinNotation.WithoutTranscript(annotated.HgvsC)}" : $"{gene} {annotated.Consequence}";
        }

        if (annotation is not null)
        {
            details.Add($"{ConsequencePrefix(annotation.Annotator)}{annotation.Consequence} {annotation.HgvsC} {annotation.HgvsP}".TrimEnd());
        }

        if (contig is not null && overlapping.Any(g => g.Symbol == "NOTCH1") && NotchDomain(contig, trimmed, annotation) is { } domain)
        {
            name ??= $"NOTCH1 {domain.Name} variant";
            details.Add(domain.Detail);
            certainty = Weakest(certainty, Certainty.Partial);
        }

        if (gene == "FBXW7" || overlapping.Any(g => g.Symbol == "FBXW7"))
        {
            if (Fbxw7(annotation) is { } fbxw7)
            {
                details.Add(fbxw7);
                certainty = Weakest(certainty, Certainty.Partial);
            }
            else
            {
                if (name is not null && name.StartsWith("FBXW7", StringComparison.Ordinal))
                {
                    details.Add(Fbxw7Gap);
                }

                if (!_fbxw7Warned && annotation is null)
                {
                    _fbxw7Warned = true;
                    _warnings.Add($"{_sourceName}: FBXW7 variants are not assessable without VEP/SnpEff annotation on NM_033632: {Fbxw7Gap}");
                }
            }
        }

        if (name is null || gene is null)
        {
            return;
        }

        details.Add(call);
        if (_specimenType == SpecimenType.Tumour)
        {
            var origin = _origin;
            if (_normal >= 0 && record.HasGenotypes)
            {
                var inNormal = record.GetAlleles(_normal).ToArray();
                origin = inNormal.Contains(altIndex + 1) ? "germline" : "somatic";
                if (origin == "germline")
                {
                    details.Add($"also in the matched normal ({record.FormatGenotype(_normal)}): germline");
                }
            }

            _abnormalities.Add(new Abnormality(name, "mutation", [gene], string.Join("; ", details), evidence, origin, certainty));
            return;
        }

        // A normal or germline specimen: only predisposition genes are reported, and never as somatic mutations.
        if (_germline.TryGetValue(gene, out var predisposition))
        {
            // The knowledge base vouches for the gene, not for this variant: unless it is a known hotspot, a variant of
            // unassessed pathogenicity is Partial whatever the gene's tag.
            details.Insert(0, $"germline predisposition gene [{CertaintyText.Tag(predisposition.Certainty)}]: {predisposition.Alteration}; pathogenicity not assessed");
            var variantCertainty = hotspot is not null ? certainty : Weakest(certainty, Certainty.Partial);
            _abnormalities.Add(new Abnormality(name, "germline", [gene], string.Join("; ", details), evidence, "germline", Weakest(variantCertainty, predisposition.Certainty)));
        }
    }

    private (string Name, string Detail)? NotchDomain(string contig, TrimmedAllele trimmed, ConsequenceAnnotation? annotation)
    {
        var exon = _exons.Query(contig, trimmed.Position, trimmed.End).FirstOrDefault(e => e.Symbol == "NOTCH1");
        if (exon is null)
        {
            return null;
        }

        var domain = exon.Number switch
        {
            26 or 27 => "HD",
            28 => "JM",
            34 => "PEST/TAD",
            _ => null,
        };
        if (domain is null)
        {
            return null;
        }

        string kind;
        bool qualifies;
        if (annotation is not null)
        {
            kind = annotation.Consequence;
            qualifies = domain == "PEST/TAD" ? ConsequenceClass.IsTruncating(annotation.Consequence) : ConsequenceClass.IsMissenseOrInFrame(annotation.Consequence);
        }
        else if (trimmed.IsSubstitution)
        {
            // Without a consequence a substitution may be missense, nonsense or silent: reported as a candidate.
            kind = "substitution, consequence not annotated (candidate)";
            qualifies = true;
        }
        else
        {
            kind = trimmed.IsInFrame ? "in-frame indel" : "frameshift indel";
            qualifies = domain == "PEST/TAD" ? !trimmed.IsInFrame : trimmed.IsInFrame;
        }

        return qualifies
            ? (domain, $"NOTCH1 {domain} domain (exon {exon.Number.ToString(CultureInfo.InvariantCulture)} of {exon.Transcript}): {kind}; domain-to-exon rule [V], variant-class rule [P]")
            : null;
    }

    private static string? Fbxw7(ConsequenceAnnotation? annotation)
    {
        if (annotation is null)
        {
            return null;
        }

        if (ConsequenceClass.IsTruncating(annotation.Consequence))
        {
            return "FBXW7 truncating mutation (counts as FBXW7 mutated for the T-ALL classifier [P])";
        }

        var onIsoformAlpha = Fbxw7Transcripts.Any(t => annotation.Transcript.StartsWith(t, StringComparison.Ordinal) || annotation.HgvsC.StartsWith(t, StringComparison.Ordinal));
        var protein = ProteinNotation.Short(annotation.HgvsP);
        return onIsoformAlpha && Fbxw7Arginines.Any(r => protein.StartsWith(r, StringComparison.Ordinal))
            ? $"FBXW7 WD40 arginine hotspot {protein} on NM_033632 [P]"
            : null;
    }

    private bool IsPresent(VcfRecord record, int altIndex)
    {
        if (_sample.Index < 0 || !record.HasGenotypes)
        {
            return true;
        }

        foreach (var allele in record.GetAlleles(_sample.Index))
        {
            if (allele == altIndex + 1)
            {
                return true;
            }
        }

        return false;
    }

    private string CallDetail(VcfRecord record, int altIndex)
    {
        var parts = new List<string>();
        if (_sample.Index >= 0 && record.HasGenotypes)
        {
            var alleles = record.GetAlleles(_sample.Index);
            var carrying = 0;
            var missing = false;
            foreach (var allele in alleles)
            {
                carrying += allele == altIndex + 1 ? 1 : 0;
                missing |= allele < 0;
            }

            parts.Add($"GT {record.FormatGenotype(_sample.Index)}");
            parts.Add(missing ? "zygosity unknown (partly missing genotype)" : carrying == alleles.Length ? "homozygous" : "heterozygous");
        }

        if (Vaf(record, altIndex) is { } vaf)
        {
            parts.Add($"VAF {vaf.ToString("0.###", CultureInfo.InvariantCulture)}");
        }

        return string.Join("; ", parts);
    }

    private double? Vaf(VcfRecord record, int altIndex)
    {
        if (_sample.Index < 0)
        {
            return null;
        }

        for (var f = 0; f < record.Format.Count; f++)
        {
            var field = record.Format[f];
            var values = record.GetSampleValues(_sample.Index, f);
            if (values.IsMissing)
            {
                continue;
            }

            if (field.Id == "AF" && field.Type == VcfValueType.Float && altIndex < values.Count)
            {
                var v = record.Floats[values.Start + altIndex];
                if (!VcfMissing.IsMissing(v))
                {
                    return v;
                }
            }
        }

        for (var f = 0; f < record.Format.Count; f++)
        {
            var field = record.Format[f];
            var values = record.GetSampleValues(_sample.Index, f);
            if (field.Id == "AD" && field.Type == VcfValueType.Integer && !values.IsMissing && altIndex + 1 < values.Count)
            {
                long total = 0;
                for (var i = 0; i < values.Count; i++)
                {
                    var n = record.Integers[values.Start + i];
                    total += n == VcfMissing.Integer ? 0 : n;
                }

                var alt = record.Integers[values.Start + altIndex + 1];
                return total > 0 && alt != VcfMissing.Integer ? (double)alt / total : null;
            }
        }

        return null;
    }

    private static string ConsequencePrefix(string annotator) => annotator + ": ";

    private static Certainty Weakest(Certainty a, Certainty b) => (Certainty)Math.Max((int)a, (int)b);

    private static bool IsSequence(string allele) => allele.Length > 0 && allele.All(c => c is 'A' or 'C' or 'G' or 'T' or 'N' or 'a' or 'c' or 'g' or 't' or 'n');

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
