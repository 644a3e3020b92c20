using System.Globalization;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// Draws one patient: demography, clinic and the abnormalities planted in their files. It reads coordinates from the
/// knowledge base but never calls the annotation code, so a mistake there cannot hide here. Frequencies and their
/// certainty come from <see cref="CohortParameters"/>; every planted finding becomes a <see cref="TruthRow"/>.
/// </summary>
internal sealed class CohortModel
{
    // Paulsson & Johansson 2009 (ALL-knowledge.md §2.3) [V] list the non-random HeH gains; the per-chromosome
    // probabilities are [U] placeholders, as is the low rate for the other chromosomes.
    private static readonly (string Chromosome, double P)[] HehGains =
    [
        ("chrX", 0.85), ("chr4", 0.8), ("chr6", 0.85), ("chr10", 0.8), ("chr14", 0.85), ("chr17", 0.7), ("chr18", 0.75), ("chr21", 0.98),
        ("chr5", 0.1), ("chr8", 0.15), ("chr11", 0.1), ("chr12", 0.1), ("chr16", 0.1), ("chr2", 0.05), ("chr22", 0.1),
    ];

    private readonly GenomeLayout _layout;
    private readonly CohortParameters _p;
    private readonly ulong _seed;

    public CohortModel(GenomeLayout layout, CohortParameters parameters, ulong seed)
    {
        _layout = layout;
        _p = parameters;
        _seed = seed;
    }

    public static string PatientId(long index) => "SYN" + (index + 1).ToString("D6", CultureInfo.InvariantCulture);

    public SyntheticPatient Draw(long index)
    {
        var r = Xoshiro256StarStar.For(_seed, index, 1);
        var ages = _p.AgeMix;
        var group = (AgeGroup)r.Weighted([ages.Child, ages.Aya, ages.Adult, ages.OlderAdult]);
        var age = group switch
        {
            // Childhood ALL peaks at 2–5 years.
            AgeGroup.Child => (int)(r.Chance(0.6) ? r.Between(2, 5) : r.Between(1, 14)),
            AgeGroup.Aya => (int)r.Between(15, 39),
            AgeGroup.Adult => (int)r.Between(40, 59),
            _ => (int)r.Between(60, 85),
        };
        var sex = r.Chance(_p.MaleFraction) ? PatientSex.Male : PatientSex.Female;
        var lineage = r.Chance(_p.TLineage.For(group)) ? Lineage.T : Lineage.B;
        var blasts = Math.Round(r.Between(60, 95) / 100.0, 2);

        // Biology first: the MRD and WBC draws below depend on the subtype.
        var patientId = PatientId(index);
        var subtype = lineage == Lineage.B ? DrawSubtype(r, group) : "T";
        var patient = new SyntheticPatient
        {
            Index = index,
            Id = patientId,
            AgeGroup = group,
            AgeYears = age,
            Sex = sex,
            Lineage = lineage,
            BlastFraction = blasts,
            Wbc = Wbc(r, lineage, subtype),
            Mrd = Mrd(r, lineage, subtype),
        };
        Plant(r, patient, subtype);
        PlantPgx(r, patient);
        return patient;
    }

    private string DrawSubtype(Xoshiro256StarStar r, AgeGroup group)
    {
        var hasN159y = _layout.Hotspot("IKZF1", "p.N159Y") is not null;
        var options = new (string Name, double P)[]
        {
            ("ETV6::RUNX1", _p.EtvRunx1.For(group)),
            ("HeH", _p.HighHyperdiploidy.For(group)),
            ("BCR::ABL1", _p.BcrAbl1.For(group)),
            ("KMT2A::AFF1", _p.Kmt2aAff1.For(group)),
            ("TCF3::PBX1", _p.Tcf3Pbx1.For(group)),
            ("PAX5 P80R", _p.Pax5P80r.For(group)),
            // Without a position on this assembly (GRCh37, §4.1) the subtype cannot be planted; those patients are B-other.
            ("IKZF1 N159Y", hasN159y ? _p.Ikzf1N159y.For(group) : 0),
        };
        var x = r.NextDouble();
        foreach (var (name, p) in options)
        {
            if (x < p)
            {
                return name;
            }

            x -= p;
        }

        return "B-other";
    }

    private void Plant(Xoshiro256StarStar r, SyntheticPatient patient, string subtype)
    {
        switch (subtype)
        {
            case "ETV6::RUNX1":
                // ETV6 intron 5 → RUNX1 intron 1 [U] (§3.2); RUNX1 numbering is the KB's ENST00000344691 (§7.4), not RUNX1c.
                AddFusion(patient, FusionPlanner.Plan(_layout, r, "ETV6", 5, "RUNX1", 2, "B-ALL with ETV6::RUNX1 fusion"), $"[U] {nameof(_p.EtvRunx1)} {_p.EtvRunx1.Text()}");
                break;
            case "BCR::ABL1":
                // m-bcr (BCR intron 1, e1a2/p190) or M-bcr (intron 13/14, p210) joined upstream of ABL1 exon 2 [P] (§3.2);
                // the p190 share in ALL is [U].
                var bcrExon = r.Chance(0.7) ? 1 : r.Chance(0.5) ? 13 : 14;
                AddFusion(patient, FusionPlanner.Plan(_layout, r, "BCR", bcrExon, "ABL1", 2, "B-ALL with BCR::ABL1 fusion"), $"adult/older [V] §1.3, child/AYA [U]: {nameof(_p.BcrAbl1)} {_p.BcrAbl1.Text()}");
                break;
            case "KMT2A::AFF1":
                // KMT2A breakpoint cluster exons ~8–14 [U] (§3.2); AFF1 partner intron [U].
                AddFusion(patient, FusionPlanner.Plan(_layout, r, "KMT2A", (int)r.Between(9, 11), "AFF1", (int)r.Between(4, 5), "B-ALL with KMT2A rearrangement"), $"[U] {nameof(_p.Kmt2aAff1)} {_p.Kmt2aAff1.Text()}");
                break;
            case "TCF3::PBX1":
                // TCF3 exon 16 :: PBX1 exon 3 [U] (§3.2); TCF3's KB transcript differs between builds (§7.4).
                AddFusion(patient, FusionPlanner.Plan(_layout, r, "TCF3", 16, "PBX1", 3, "B-ALL with TCF3::PBX1 fusion"), $"[U] {nameof(_p.Tcf3Pbx1)} {_p.Tcf3Pbx1.Text()}");
                break;
            case "HeH":
                PlantHyperdiploidy(r, patient);
                break;
            case "PAX5 P80R":
                AddMutation(patient, _layout.Hotspot("PAX5", "p.P80R")!, Clonal(r, patient), "B-ALL with PAX5 p.P80R (ICC; WHO-HAEM5 other defined genetic abnormalities)", $"[U] {nameof(_p.Pax5P80r)} {_p.Pax5P80r.Text()}");
                break;
            case "IKZF1 N159Y":
                AddMutation(patient, _layout.Hotspot("IKZF1", "p.N159Y")!, Clonal(r, patient), "B-ALL with IKZF1 p.N159Y (ICC; WHO-HAEM5 other defined genetic abnormalities)", $"[U] {nameof(_p.Ikzf1N159y)} {_p.Ikzf1N159y.Text()}");
                break;
            default:
                break;
        }

        patient.Subtype = subtype;
        if (patient.Lineage == Lineage.T)
        {
            if (r.Chance(_p.TAllCdkn2aDeletion))
            {
                AddCdkn2a(r, patient, $"[U] {nameof(_p.TAllCdkn2aDeletion)} {_p.TAllCdkn2aDeletion.ToString(CultureInfo.InvariantCulture)}");
            }

            var ras = r.NextDouble();
            var rasGene = ras < _p.TAllNras ? "NRAS" : ras < _p.TAllNras + _p.TAllKras ? "KRAS" : null;
            if (rasGene is not null)
            {
                AddSecondaryHotspot(r, patient, rasGene, $"[V] §2.4 T-ALL {rasGene} rate");
            }

            return;
        }

        // B-ALL copy-number deletions [V] §2.1 (IKZF1 in BCR::ABL1 [V] §2.2).
        var ikzf1 = subtype == "BCR::ABL1" ? _p.Ikzf1DeletionInBcrAbl1 : _p.Ikzf1Deletion;
        if (r.Chance(ikzf1))
        {
            // Intragenic Δ4–7 (exons 4-7 of NM_006060/ENST00000331340, PROVENANCE.md) or whole-gene (Δ1–8).
            var delta47 = r.Chance(_p.Ikzf1Delta4To7Share);
            var deletion = delta47 ? Exonic(r, "IKZF1", 4, 7) : WholeGene(r, "IKZF1", [], false);
            AddDeletion(patient, deletion, $"[V] §2.1/§2.2 {ikzf1.ToString(CultureInfo.InvariantCulture)}" + (delta47 ? $"; Δ4–7 [U] {nameof(_p.Ikzf1Delta4To7Share)} {_p.Ikzf1Delta4To7Share.ToString(CultureInfo.InvariantCulture)}" : string.Empty));
        }

        if (r.Chance(_p.Cdkn2aDeletion))
        {
            AddCdkn2a(r, patient, $"[V] §2.1 {_p.Cdkn2aDeletion.ToString(CultureInfo.InvariantCulture)}");
        }

        // PAX5 P80R patients get no PAX5 deletion here: the model does not track which allele a deletion hits.
        if (r.Chance(_p.Pax5Deletion) && subtype != "PAX5 P80R")
        {
            // Intragenic (exons 2–6 [U]) or whole-gene deletions.
            var deletion = r.Chance(0.5) ? Exonic(r, "PAX5", 2, 6) : WholeGene(r, "PAX5", [], false);
            AddDeletion(patient, deletion, $"[V] §2.1 {_p.Pax5Deletion.ToString(CultureInfo.InvariantCulture)}");
        }

        if (r.Chance(_p.Etv6Deletion))
        {
            AddDeletion(patient, WholeGene(r, "ETV6", [], false), $"[V] §2.1 {_p.Etv6Deletion.ToString(CultureInfo.InvariantCulture)}");
        }

        foreach (var (gene, p) in new[] { ("RB1", _p.Rb1Deletion), ("BTG1", _p.Btg1Deletion), ("EBF1", _p.Ebf1Deletion) })
        {
            if (r.Chance(p))
            {
                AddDeletion(patient, WholeGene(r, gene, [], false), $"[V] §2.1 {p.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        var rate = subtype == "HeH" ? _p.HotspotRateHighHyperdiploid : _p.HotspotRate;
        if (r.Chance(rate))
        {
            AddSecondaryHotspot(r, patient, null, $"[U] {(subtype == "HeH" ? nameof(_p.HotspotRateHighHyperdiploid) : nameof(_p.HotspotRate))} {rate.ToString(CultureInfo.InvariantCulture)}, hotspot weighted by MD-ALL counts [V-data] §4.1");
            if (r.Chance(_p.SecondHotspot))
            {
                AddSecondaryHotspot(r, patient, null, $"[U] {nameof(_p.SecondHotspot)} {_p.SecondHotspot.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private void PlantHyperdiploidy(Xoshiro256StarStar r, SyntheticPatient patient)
    {
        // HeH = 51–65 chromosomes (Enshaei 2023 [V], §1.2/§2.3): redraw until the modal number falls in range.
        while (true)
        {
            patient.Gains.Clear();
            foreach (var (chromosome, p) in HehGains)
            {
                if (r.Chance(p))
                {
                    patient.Gains[chromosome] = 1;
                }
            }

            // chr21 is often tetrasomic (§2.3).
            if (patient.Gains.ContainsKey("chr21") && r.Chance(0.5))
            {
                patient.Gains["chr21"] = 2;
            }

            var modal = 46 + patient.Gains.Values.Sum();
            if (modal is >= 51 and <= 65)
            {
                break;
            }
        }

        var gains = string.Join(",", patient.Gains.OrderBy(g => _layout.Order(g.Key)).SelectMany(g => Enumerable.Repeat("+" + g.Key[3..], g.Value)));
        var modalNumber = 46 + patient.Gains.Values.Sum();
        patient.Truth.Add(new TruthRow(patient.Id, patient.TumourSpecimen, "high hyperdiploidy", "ploidy", "B-ALL with high hyperdiploidy",
            $"copy_number: modal {modalNumber.ToString(CultureInfo.InvariantCulture)}; {gains}",
            $"child [U], AYA/adult [V] §1.3: {nameof(_p.HighHyperdiploidy)} {_p.HighHyperdiploidy.Text()}; gains per chromosome [U] (list [V] §2.3)"));
    }

    private void AddFusion(SyntheticPatient patient, PlantedFusion fusion, string basis)
    {
        patient.Fusions.Add(fusion);
        var evidence = FormattableString.Invariant($"structural_variants: {_layout.FileName(fusion.Contig5)}:{fusion.Breakpoint5} ({fusion.Gene5} intron {fusion.LastExon5}) joined to {_layout.FileName(fusion.Contig3)}:{fusion.Breakpoint3} ({fusion.Gene3} intron {fusion.FirstExon3 - 1})");
        patient.Truth.Add(new TruthRow(patient.Id, patient.TumourSpecimen, fusion.Name, "fusion", fusion.Classification, evidence, basis));
    }

    private void AddMutation(SyntheticPatient patient, HotspotEntry hotspot, double vaf, string classification, string basis)
    {
        var mutation = new PlantedMutation(hotspot, vaf);
        patient.Mutations.Add(mutation);
        var evidence = FormattableString.Invariant($"small_variants: {_layout.FileName(hotspot.Contig)}:{hotspot.Position} {hotspot.Reference}>{hotspot.Alternate} VAF~{vaf:0.00}");
        var certainty = hotspot.Certainty == Certainty.Derived ? " (GRCh37 position derived [D])" : string.Empty;
        patient.Truth.Add(new TruthRow(patient.Id, patient.TumourSpecimen, mutation.Name, "mutation", classification, evidence, basis + certainty));
    }

    private void AddSecondaryHotspot(Xoshiro256StarStar r, SyntheticPatient patient, string? gene, string basis)
    {
        var pool = _layout.SecondaryHotspots;
        var weights = _layout.SecondaryWeights.Select((w, i) => gene is null || pool[i].Gene == gene ? w : 0).ToList();
        if (weights.Sum() <= 0)
        {
            return;
        }

        var hotspot = pool[r.Weighted(weights)];
        if (patient.Mutations.Any(m => m.Hotspot.Contig == hotspot.Contig && Math.Abs(m.Hotspot.Position - hotspot.Position) < 3))
        {
            return;
        }

        // RAS-pathway hotspots are often subclonal in ALL (§4.2 "subclonal" [P]).
        AddMutation(patient, hotspot, Clonal(r, patient) * (0.15 + 0.85 * r.NextDouble()), string.Empty, basis);
    }

    private static double Clonal(Xoshiro256StarStar r, SyntheticPatient patient) => Math.Clamp(patient.BlastFraction * 0.5 + r.Normal(0, 0.02), 0.05, 0.95);

    private void AddCdkn2a(Xoshiro256StarStar r, SyntheticPatient patient, string basis)
    {
        // 9p21 deletions take CDKN2A and CDKN2B together (treated as one unit by UKALL, §2.1).
        var homozygous = r.Chance(_p.Cdkn2aHomozygous);
        var a = _layout.Span("CDKN2A");
        var b = _layout.Span("CDKN2B");
        var start = Math.Min(a.Start, b.Start) - r.Between(5_000, 300_000);
        var end = Math.Max(a.End, b.End) + r.Between(5_000, 300_000);
        AddDeletion(patient, new PlantedDeletion("CDKN2A", a.Contig, start, end, homozygous, "whole gene", ["CDKN2B"]), basis + (homozygous ? $"; homozygous [U] {nameof(_p.Cdkn2aHomozygous)}" : string.Empty));
    }

    private PlantedDeletion WholeGene(Xoshiro256StarStar r, string gene, IReadOnlyList<string> also, bool homozygous)
    {
        var span = _layout.Span(gene);
        return new PlantedDeletion(gene, span.Contig, span.Start - r.Between(5_000, 300_000), span.End + r.Between(5_000, 300_000), homozygous, "whole gene", also);
    }

    /// <summary>A deletion of exons first..last: from inside the intron beyond one end to inside the intron beyond the other.</summary>
    private PlantedDeletion Exonic(Xoshiro256StarStar r, string gene, int first, int last)
    {
        var exons = _layout.Exons(gene);
        var lost = exons.Where(e => e.Number >= first && e.Number <= last).Select(e => e.Interval).ToList();
        var low = lost.Min(e => e.Start);
        var high = lost.Max(e => e.End);
        var below = exons.Select(e => e.Interval).Where(e => e.End < low).Select(e => e.End).DefaultIfEmpty(low - 20_000).Max();
        var above = exons.Select(e => e.Interval).Where(e => e.Start > high).Select(e => e.Start).DefaultIfEmpty(high + 20_000).Min();
        var start = r.Between(below + 50, low - 50);
        var end = r.Between(high + 50, above - 50);
        var transcript = exons[0].Transcript;
        return new PlantedDeletion(gene, lost[0].Contig, start, end, false, FormattableString.Invariant($"exons {first}-{last} of {transcript}"), []);
    }

    private void AddDeletion(SyntheticPatient patient, PlantedDeletion deletion, string basis)
    {
        patient.Deletions.Add(deletion);
        var zygosity = deletion.Homozygous ? "homozygous" : "heterozygous";
        foreach (var gene in new[] { deletion.Gene }.Concat(deletion.AlsoDeleted))
        {
            var evidence = FormattableString.Invariant($"copy_number: {_layout.FileName(deletion.Contig)}:{deletion.Start}-{deletion.End} {zygosity}, {(gene == deletion.Gene ? deletion.Extent : "whole gene")}");
            patient.Truth.Add(new TruthRow(patient.Id, patient.TumourSpecimen, gene + " deletion", "deletion", string.Empty, evidence, basis));
        }
    }

    private void PlantPgx(Xoshiro256StarStar r, SyntheticPatient patient)
    {
        foreach (var (gene, table) in new[] { ("TPMT", _p.TpmtAlleles), ("NUDT15", _p.Nudt15Alleles) })
        {
            string Haplotype()
            {
                var x = r.NextDouble();
                foreach (var (allele, f) in table.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    if (x < f)
                    {
                        return allele;
                    }

                    x -= f;
                }

                return "*1";
            }

            var diplotype = new PlantedDiplotype(gene, Haplotype(), Haplotype());
            patient.Diplotypes.Add(diplotype);
            var key = KnowledgeBase.DiplotypeKey(diplotype.Allele1, diplotype.Allele2);
            var phenotype = _layout.Kb.PgxPhenotypes[gene].TryGetValue(key, out var ph) ? ph : "Indeterminate";
            patient.Truth.Add(new TruthRow(patient.Id, patient.GermlineSpecimen, diplotype.Name, "pharmacogenomic", phenotype, "small_variants (germline): phased genotypes at the defining positions", $"[U] {gene} allele frequencies; definitions [V-data] §5.1"));
        }
    }

    private double Wbc(Xoshiro256StarStar r, Lineage lineage, string subtype)
    {
        // Log-normal around the medians [U]; KMT2A-r presents with hyperleukocytosis more often [U].
        var median = _p.MedianWbc * (lineage == Lineage.T ? _p.TLineageWbcFactor : 1) * (subtype == "KMT2A::AFF1" ? 6 : 1);
        return Math.Round(Math.Clamp(median * Math.Exp(r.Normal(0, 1.1)), 0.5, 900), 1);
    }

    private List<double?> Mrd(Xoshiro256StarStar r, Lineage lineage, string subtype)
    {
        // [U] kinetics: log10 MRD at day 15, then log reductions to end of induction and week 12 (§1.4 time points);
        // favourable genetics clear faster, BCR::ABL1/KMT2A and T-ALL slower.
        var shift = subtype is "ETV6::RUNX1" or "HeH" ? -0.6 : subtype is "BCR::ABL1" or "KMT2A::AFF1" ? 0.8 : 0;
        shift += lineage == Lineage.T ? 0.4 : 0;
        var day15 = r.Normal(-1.8 + shift, 0.9);
        var eoi = day15 - Math.Max(0, r.Normal(1.6 - shift / 2, 0.6));
        var week12 = eoi - Math.Max(0, r.Normal(1.0, 0.6));
        double? Value(double log10) => log10 < Math.Log10(_p.MrdLimitOfDetection) ? null : Math.Round(Math.Min(0.9, Math.Pow(10, log10)), 6);
        return [Value(day15), Value(eoi), Value(week12)];
    }
}
