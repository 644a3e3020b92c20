namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// B-ALL genetic subtype in the WHO-HAEM5 (Alaggio 2022) and ICC 2022 (Arber 2022; Duffield 2023) vocabularies from
/// DNA-level findings (ALL-knowledge.md §3.1–3.2). Expression-defined entities (BCR::ABL1-like NOS, ETV6::RUNX1-like,
/// KMT2A-like, ZNF384-like) are never inferred: supportive lesions give <c>not assessable from DNA</c>.
/// </summary>
internal static class SubtypeRule
{
    /// <summary>The WHO-HAEM5 scheme name.</summary>
    public const string Who = "WHO-HAEM5";

    /// <summary>The ICC 2022 scheme name.</summary>
    public const string Icc = "ICC-2022";

    /// <summary>Rule version; entity spelling is [P] (confirm against Alaggio 2022 Table 1 and Arber 2022 Table 2).</summary>
    public const string Version = "subtype-dna v1 (WHO-HAEM5 Alaggio 2022 / ICC Arber 2022; entity names [P], ALL-knowledge.md §3.1)";

    /// <summary>Label for subtypes that need expression data.</summary>
    public const string NotFromDna = "not assessable from DNA";

    private const string WhoOther = "B-ALL with other defined genetic abnormalities";
    private const string Nos = "B-ALL, NOS";

    private static readonly HashSet<string> AblClass = new(StringComparer.Ordinal) { "ABL1", "ABL2", "CSF1R", "PDGFRB", "PDGFRA", "LYN" };
    private static readonly HashSet<string> JakStat = new(StringComparer.Ordinal) { "JAK2", "EPOR", "TYK2" };
    private static readonly HashSet<string> Ig = new(StringComparer.Ordinal) { "IGH", "IGK", "IGL" };

    /// <summary>The two subtype rows for a specimen.</summary>
    public static IEnumerable<ClassificationRow> Classify(SpecimenFindings f)
    {
        var (who, icc, assessable, evidence) = Decide(f);
        yield return new ClassificationRow(f.Patient, f.Specimen, Who, who, null, assessable, evidence, Version);
        yield return new ClassificationRow(f.Patient, f.Specimen, Icc, icc, null, assessable, evidence, Version);
    }

    /// <summary>The defining lesions found, best first.</summary>
    public static IReadOnlyList<DefiningLesion> Lesions(SpecimenFindings f)
    {
        var found = new List<DefiningLesion>();
        foreach (var fusion in f.Fusions)
        {
            if (FusionLesion(fusion.Name) is { } lesion)
            {
                found.Add(lesion);
            }
        }

        if (f.Mutations("PAX5").Any(m => m.Name.Contains("p.P80R", StringComparison.Ordinal)))
        {
            found.Add(new("PAX5 p.P80R", WhoOther, "B-ALL with mutated PAX5 P80R", 8, "mutation"));
        }

        if (f.Mutations("IKZF1").Any(m => m.Name.Contains("p.N159Y", StringComparison.Ordinal)))
        {
            found.Add(new("IKZF1 p.N159Y", WhoOther, "B-ALL with mutated IKZF1 N159Y", 8, "mutation"));
        }

        if (f.Mutations("ZEB2").Any(m => m.Name.Contains("p.H1038R", StringComparison.Ordinal)))
        {
            found.Add(new("ZEB2 p.H1038R", WhoOther, "B-ALL with mutated ZEB2 (p.H1038R)/IGH::CEBPE (provisional)", 8, "mutation"));
        }

        if (f.Has("near-haploidy"))
        {
            found.Add(new("near-haploidy", "B-ALL with hypodiploidy", "B-ALL, near haploid", 11, "copy number"));
        }

        if (f.Has("low hypodiploidy"))
        {
            found.Add(new("low hypodiploidy", "B-ALL with hypodiploidy", "B-ALL, low hypodiploid", 11, "copy number"));
        }

        if (f.Has("iAMP21"))
        {
            found.Add(new("iAMP21", "B-ALL with iAMP21", "B-ALL with iAMP21", 12, "copy number"));
        }

        if (f.Has("high hyperdiploidy"))
        {
            found.Add(new("high hyperdiploidy", "B-ALL with high hyperdiploidy", "B-ALL, hyperdiploid", 13, "copy number"));
        }

        return found.OrderBy(l => l.Rank).ToList();
    }

    /// <summary>The defining lesion of a fusion name (<c>5'::3'</c>), or null when it defines no entity.</summary>
    public static DefiningLesion? FusionLesion(string fusion)
    {
        var genes = fusion.Split("::");
        bool Any(string g) => genes.Contains(g, StringComparer.Ordinal);
        bool AnyOf(ISet<string> set) => genes.Any(set.Contains);
        if (fusion == "BCR::ABL1")
        {
            return new(fusion, "B-ALL with BCR::ABL1 fusion", "B-ALL with t(9;22)(q34.1;q11.2)/BCR::ABL1", 1, "rearrangement");
        }

        if (Any("KMT2A"))
        {
            return new(fusion, "B-ALL with KMT2A rearrangement", "B-ALL with t(v;11q23.3)/KMT2A rearranged", 2, "rearrangement");
        }

        if (fusion == "ETV6::RUNX1")
        {
            return new(fusion, "B-ALL with ETV6::RUNX1 fusion", "B-ALL with t(12;21)(p13.2;q22.1)/ETV6::RUNX1", 3, "rearrangement");
        }

        if (fusion is "TCF3::PBX1")
        {
            return new(fusion, "B-ALL with TCF3::PBX1 fusion", "B-ALL with t(1;19)(q23.3;p13.3)/TCF3::PBX1", 4, "rearrangement");
        }

        if (Any("HLF"))
        {
            return new(fusion, fusion == "TCF3::HLF" ? "B-ALL with TCF3::HLF fusion" : WhoOther, "B-ALL with HLF rearrangement", 5, "rearrangement");
        }

        if (Any("IL3") && Any("IGH"))
        {
            return new(fusion, "B-ALL with IGH::IL3 fusion", "B-ALL with t(5;14)(q31.1;q32.3)/IL3::IGH", 6, "rearrangement");
        }

        (string Gene, string Icc)[] others =
        [
            ("DUX4", "B-ALL with DUX4 rearrangement"), ("MEF2D", "B-ALL with MEF2D rearrangement"),
            ("ZNF384", "B-ALL with ZNF384(362) rearrangement"), ("ZNF362", "B-ALL with ZNF384(362) rearrangement"),
            ("NUTM1", "B-ALL with NUTM1 rearrangement"), ("MYC", "B-ALL with MYC rearrangement"),
        ];
        foreach (var (gene, icc) in others)
        {
            if (Any(gene))
            {
                return new(fusion, WhoOther, icc, 7, "rearrangement");
            }
        }

        if (fusion == "UBTF::ATXN7L3")
        {
            return new(fusion, WhoOther, "B-ALL with UBTF::ATXN7L3/PAN3,CDX2", 7, "rearrangement");
        }

        if ((Any("CEBPE") || Any("CEBPB")) && AnyOf(Ig))
        {
            return new(fusion, WhoOther, "B-ALL with mutated ZEB2 (p.H1038R)/IGH::CEBPE (provisional)", 7, "rearrangement");
        }

        if (fusion != "BCR::ABL1" && AnyOf(AblClass))
        {
            return new(fusion, "B-ALL with BCR::ABL1-like features", "B-ALL, BCR::ABL1-like, ABL-1 class rearranged", 9, "rearrangement");
        }

        if (AnyOf(JakStat))
        {
            return new(fusion, "B-ALL with BCR::ABL1-like features", "B-ALL, BCR::ABL1-like, JAK-STAT activated", 9, "rearrangement");
        }

        if (Any("PAX5"))
        {
            return new(fusion, WhoOther, "B-ALL with PAX5 alteration (provisional)", 10, "rearrangement");
        }

        return null;
    }

    private static (string Who, string Icc, bool Assessable, string Evidence) Decide(SpecimenFindings f)
    {
        var data = $"data: copy number {(f.HasCopyNumber ? "yes" : "no")}, SV/fusion {(f.HasRearrangements ? "yes" : "no")}, small variants {(f.HasSmallVariants ? "yes" : "no")}";
        var lineage = ClinicalFacts.Lineage(f.Clinical);
        if (lineage == "T")
        {
            // T-ALL entity names are [U] in ALL-knowledge.md §3.1; only the immunophenotype-level split is made.
            var etp = ClinicalFacts.IsEtp(f.Clinical);
            return (etp ? "Early T-precursor lymphoblastic leukaemia/lymphoma" : "T-lymphoblastic leukaemia/lymphoma, NOS",
                etp ? "Early T-cell precursor ALL, NOS" : "T-ALL, NOS", true,
                $"lineage T from the sheet{(etp ? " (ETP immunophenotype)" : string.Empty)}; T-ALL genetic subgroups are expression/enhancer-defined and not assigned; ICC T-ALL names [U]; {data}");
        }

        var lineageNote = lineage is null ? "lineage not given: B-lineage assumed; " : string.Empty;
        var lesions = Lesions(f);
        if (f.Has("possible masked hypodiploidy") && lesions.FirstOrDefault() is { Rank: >= 11 })
        {
            return ("not assessable", "not assessable", false, $"{lineageNote}possible masked hypodiploidy (doubled hypodiploid clone mimicking hyperdiploidy): needs karyotype/BAF review; {data}");
        }

        if (lesions.Count > 0)
        {
            var best = lesions[0];
            if (best.Kind == "copy number" && !f.HasRearrangements)
            {
                return ("not assessable", "not assessable", false, $"{lineageNote}{best.Finding} found, but no SV/fusion file: a primary rearrangement (e.g. ETV6::RUNX1, BCR::ABL1) that takes precedence cannot be excluded; {data}");
            }

            var also = lesions.Skip(1).Where(l => l.Finding != best.Finding).Select(l => l.Finding).Distinct().ToList();
            var conflict = also.Count == 0 ? string.Empty : $"; also present (lower precedence: primary rearrangement > mutation > kinase lesion > ploidy > iAMP21): {string.Join(", ", also)}";
            var caveat = best.Rank == 1 ? "; lymphoid-only vs multilineage (ICC) needs flow/FISH, not assessed"
                : best.Rank == 9 ? "; BCR::ABL1-like is expression-defined: assigned from the kinase-class lesion that names the subgroup, expression not checked [P]"
                : string.Empty;
            return (best.Who, best.Icc, true, $"{lineageNote}defining: {best.Finding} ({best.Kind}){conflict}{caveat}; {data}");
        }

        var supportive = f.Fusions.Select(a => a.Name).Where(n => n.Contains("CRLF2", StringComparison.Ordinal) || n.Contains("ETV6", StringComparison.Ordinal) || n.Contains("IKZF1", StringComparison.Ordinal)).ToList();
        if (f.State("ERG") is GeneCopyState.HeterozygousDeletion or GeneCopyState.HomozygousDeletion)
        {
            supportive.Add("ERG deletion (DUX4-r marker)");
        }

        if (supportive.Count > 0)
        {
            return (NotFromDna, NotFromDna, false, $"{lineageNote}supportive only: {string.Join(", ", supportive)} (CRLF2-r: BCR::ABL1-like JAK-STAT or non-Ph-like; ETV6/IKZF1 fusions: ETV6::RUNX1-like; ERG deletion: DUX4-r) — needs expression or the defining rearrangement; {data}");
        }

        if (!f.HasCopyNumber || !f.HasRearrangements)
        {
            return ("not assessable", "not assessable", false, $"{lineageNote}no defining lesion found, but {(f.HasCopyNumber ? "no SV/fusion file" : "no copy-number file (ploidy, iAMP21)")}; {data}");
        }

        // IGH::IL3 is DNA-defined and, since ALL-KB 2026.12.1, named from SV breakpoints too (IL3 has coordinates).
        return (Nos, Nos, true, $"{lineageNote}no DNA-defining lesion; expression-defined entities (BCR::ABL1-like NOS, ETV6::RUNX1-like, PAX5alt by expression) are not excluded ({NotFromDna}); {data}");
    }
}
