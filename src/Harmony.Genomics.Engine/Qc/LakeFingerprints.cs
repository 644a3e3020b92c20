using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Harmony.Genomics.Compute.Fingerprints;
using Harmony.Genomics.Core;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine.Qc;

/// <summary>
/// The fingerprint panel of a cohort, chosen inside DuckDB, and only those sites' genotypes streamed into a
/// <see cref="PackedGenotypes"/>: memory is about samples × panel × 2 bits plus one variant's calls, however many
/// variants and calls the lake holds.
/// <para>
/// The panel: biallelic SNVs of A/C/G/T, one site per chrom:pos:ref:alt across sources; a sample's genotype at a
/// site is its diploid call at the first variant (lowest <c>variant_id</c>) of the site where it is called (a sample
/// of the variant's source without a call row is 0/0); sites with alternate-allele frequency 0.05–0.95 among those
/// genotypes, called in at least half the cohort's samples; at most <c>maxSnps</c> of them, evenly spaced in
/// <c>variant_id</c> order of each site's first variant (sources in ingest order, records in file order).
/// </para>
/// </summary>
internal sealed class LakeFingerprints
{
    private LakeFingerprints(string[] samples, PackedGenotypes packed, long candidateSites)
    {
        Samples = samples;
        Packed = packed;
        CandidateSites = candidateSites;
        VariantOnly = MaskVariantOnly(packed);
    }

    /// <summary>
    /// Samples called at panel SNPs but never homozygous reference there, whose genotypes were set missing: their
    /// files list only sites where they carry an ALT allele (a tumour VCF from Mutect2, a germline VCF without
    /// reference calls), so the sites two of them share are sites both carry, and KING-robust reads unrelated people as
    /// duplicates. Relatedness needs reference calls too (a genotyped panel, a multi-sample or gVCF-derived VCF).
    /// </summary>
    public int[] VariantOnly { get; }

    /// <summary>Stored sample names, in <see cref="Packed"/> order (sorted).</summary>
    public string[] Samples { get; }

    public PackedGenotypes Packed { get; }

    /// <summary>Biallelic SNV sites in the cohort before the frequency, call-rate and size filters.</summary>
    public long CandidateSites { get; }

    public static LakeFingerprints Load(string lakePath, string cohort, int maxSnps, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSnps, 1);
        var root = Path.GetFullPath(lakePath);
        foreach (var table in new[] { "variants", "calls", "samples" })
        {
            if (!Directory.Exists(Path.Combine(root, table)))
            {
                throw new HarmonyException($"The lake '{root}' has no '{table}' table; ingest VCFs first.");
            }
        }

        try
        {
            using var connection = LakeQuery.Connect(root);
            var c = cohort.Replace("'", "''", StringComparison.Ordinal);
            var (samples, sourceSamples) = LakeGenotypes.ReadSamples(connection, c);
            RegisterSources(connection, sourceSamples, samples);
            cancellationToken.ThrowIfCancellationRequested();
            var candidateSites = AggregateSites(connection, c);
            cancellationToken.ThrowIfCancellationRequested();
            var panel = ChoosePanel(connection, samples.Length, maxSnps);
            cancellationToken.ThrowIfCancellationRequested();
            var packed = new PackedGenotypes(samples.Length, panel);
            Fill(connection, packed, sourceSamples, samples, cancellationToken);
            return new LakeFingerprints(samples, packed, candidateSites);
        }
        catch (DbException e)
        {
            throw new HarmonyException($"fingerprint: reading the lake failed: {e.Message}", e);
        }
    }

    private static int[] MaskVariantOnly(PackedGenotypes packed)
    {
        var masked = new List<int>();
        for (var sample = 0; sample < packed.Samples; sample++)
        {
            var called = 0;
            var homRef = 0;
            for (var snp = 0; snp < packed.Snps; snp++)
            {
                var code = packed.Get(sample, snp);
                called += code != 3 ? 1 : 0;
                homRef += code == 0 ? 1 : 0;
            }

            if (called > 0 && homRef == 0)
            {
                masked.Add(sample);
                packed.Words.AsSpan((int)((long)sample * packed.WordsPerSample), packed.WordsPerSample).Fill(ulong.MaxValue);
            }
        }

        return [.. masked];
    }

    // Sources that share a sample name (directly or through others) get one component id: variants of one site from
    // different components have disjoint samples, so their counts simply add up.
    private static void RegisterSources(DuckDBConnection connection, Dictionary<long, int[]> sourceSamples, string[] names)
    {
        var samples = names.Length;
        var sources = sourceSamples.Keys.Order().ToArray();
        var parent = Enumerable.Range(0, sources.Length).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        var firstSource = new int[samples];
        Array.Fill(firstSource, -1);
        for (var i = 0; i < sources.Length; i++)
        {
            foreach (var s in sourceSamples[sources[i]])
            {
                if (firstSource[s] < 0)
                {
                    firstSource[s] = i;
                }
                else
                {
                    parent[Find(i)] = Find(firstSource[s]);
                }
            }
        }

        Execute(connection, "create temp table fp_source (source_ordinal bigint, component integer, n_samples integer)");
        using (var appender = connection.CreateAppender("fp_source"))
        {
            for (var i = 0; i < sources.Length; i++)
            {
                appender.CreateRow().AppendValue(sources[i]).AppendValue(Find(i)).AppendValue(sourceSamples[sources[i]].Length).EndRow();
            }
        }

        // Each source's samples, as ReadSamples resolved them.
        Execute(connection, "create temp table fp_members (source_ordinal bigint, sample varchar)");
        using var members = connection.CreateAppender("fp_members");
        foreach (var source in sources)
        {
            foreach (var s in sourceSamples[source])
            {
                members.CreateRow().AppendValue(source).AppendValue(names[s]).EndRow();
            }
        }
    }

    // Per site: the first variant, and how many samples are called and their ALT allele count.
    private static long AggregateSites(DuckDBConnection connection, string c)
    {
        // Candidate variants: biallelic SNVs (the rule of SnvClassifier, which drives Ts/Tv too).
        Execute(connection, $"""
            create temp table fp_cand as
            select v.variant_id, v.variant_id >> {LakeColumns.RecordIndexBits} as source_ordinal, s.component, coalesce(s.n_samples, 0) as n_samples, v.chrom, v.pos, v.ref, v.alts[1] as alt
            from variants v left join fp_source s on s.source_ordinal = v.variant_id >> {LakeColumns.RecordIndexBits}
            where v.cohort = '{c}' and len(v.alts) = 1 and length(v.ref) = 1 and length(v.alts[1]) = 1
              and upper(v.ref) in ('A', 'C', 'G', 'T') and upper(v.alts[1]) in ('A', 'C', 'G', 'T') and upper(v.ref) <> upper(v.alts[1])
            """);

        // A call row is a called diploid genotype when it has exactly two alleles, both present (as harmony qc reads it).
        Execute(connection, $"""
            create temp view fp_calls as
            select variant_id, sample,
                   coalesce(len(gt_alleles) = 2 and gt_alleles[1] is not null and gt_alleles[2] is not null, false) as dip,
                   least(gt_alleles[1], 127) + least(gt_alleles[2], 127) as dosage
            from calls where cohort = '{c}' and variant_id in (select variant_id from fp_cand)
            """);
        Execute(connection, """
            create temp table fp_site as
            with per_variant as (
                select variant_id, count(*) filter (where not dip) as not_called, coalesce(sum(dosage) filter (where dip), 0) as alt_sum
                from fp_calls group by variant_id)
            select row_number() over (order by min(variant_id)) as site_id, chrom, pos, ref, alt, min(variant_id) as first_variant,
                   count(component) > count(distinct component) as overlap,
                   sum(n_samples - coalesce(not_called, 0)) as called, sum(coalesce(alt_sum, 0)) as alt_sum
            from fp_cand left join per_variant using (variant_id)
            group by chrom, pos, ref, alt
            """);

        // Where two variants of a site may hold the same sample (one source twice, or sources sharing names), the
        // sample counts once, from its first variant that calls it: worked out per sample, for those sites only.
        Execute(connection, $"""
            create temp table fp_exact as
            with ov as (
                select s.site_id, v.variant_id, v.source_ordinal from fp_cand v join fp_site s using (chrom, pos, ref, alt) where s.overlap),
            cells as (
                select ov.site_id, ov.variant_id, m.sample from ov join fp_members m using (source_ordinal)),
            joined as (
                select cells.site_id, cells.sample, cells.variant_id, k.variant_id is null as no_row, k.dip, k.dosage
                from cells left join fp_calls k on k.variant_id = cells.variant_id and k.sample = cells.sample),
            firsts as (
                select site_id, sample, arg_min(case when no_row then 0 else dosage end, variant_id) filter (where no_row or dip) as d
                from joined group by site_id, sample)
            select site_id, count(d) as called, coalesce(sum(d), 0) as alt_sum from firsts group by site_id
            """);
        Execute(connection, "update fp_site set called = e.called, alt_sum = e.alt_sum from fp_exact e where fp_site.site_id = e.site_id");
        return System.Convert.ToInt64(LakeQuery.Rows(connection, "select count(*) from fp_site")[0][0], CultureInfo.InvariantCulture);
    }

    // The sites that pass, in order; evenly spaced down to maxSnps. Registered as fp_panel(site_id, panel_index).
    private static int ChoosePanel(DuckDBConnection connection, int samples, int maxSnps)
    {
        var passing = new List<long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select site_id, called::bigint, alt_sum::bigint from fp_site order by first_variant";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var called = System.Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                if (called == 0 || called * 2 < samples)
                {
                    continue;
                }

                var af = System.Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) / (2.0 * called);
                if (af is >= 0.05 and <= 0.95)
                {
                    passing.Add(System.Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
                }
            }
        }

        var chosen = passing.Count <= maxSnps
            ? passing
            : [.. Enumerable.Range(0, maxSnps).Select(i => passing[(int)((long)i * passing.Count / maxSnps)])];
        Execute(connection, "create temp table fp_panel (site_id bigint, panel_index integer)");
        using var appender = connection.CreateAppender("fp_panel");
        for (var j = 0; j < chosen.Count; j++)
        {
            appender.CreateRow().AppendValue(chosen[j]).AppendValue(j).EndRow();
        }

        return chosen.Count;
    }

    // Streams the panel variants with their call rows in variant_id order; each variant's samples take its genotype
    // unless an earlier variant of the site already called them.
    private static void Fill(DuckDBConnection connection, PackedGenotypes packed, Dictionary<long, int[]> sourceSamples, string[] samples, CancellationToken cancellationToken)
    {
        var sampleIndex = new Dictionary<string, int>(samples.Length, StringComparer.Ordinal);
        for (var i = 0; i < samples.Length; i++)
        {
            sampleIndex[samples[i]] = i;
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            with pv as (
                select v.variant_id, p.panel_index, v.source_ordinal
                from fp_cand v join fp_site s using (chrom, pos, ref, alt) join fp_panel p using (site_id))
            select pv.variant_id, pv.panel_index, pv.source_ordinal, k.sample, k.dip, k.dosage
            from pv left join fp_calls k using (variant_id)
            order by pv.variant_id
            """;
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<int, int>();
        long current = -1;
        var panelIndex = 0;
        int[] members = [];
        long read = 0;
        while (reader.Read())
        {
            var variant = reader.GetInt64(0);
            if (variant != current)
            {
                Apply(packed, panelIndex, members, rows);
                current = variant;
                panelIndex = reader.GetInt32(1);
                members = sourceSamples.GetValueOrDefault(reader.GetInt64(2), []);
                rows.Clear();
            }

            if (!reader.IsDBNull(3) && sampleIndex.TryGetValue(reader.GetString(3), out var s))
            {
                // -1: a call row that is not a called diploid genotype (missing, haploid, polyploid, no GT).
                rows[s] = reader.GetBoolean(4) ? System.Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture) : -1;
            }

            if ((++read & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        Apply(packed, panelIndex, members, rows);
    }

    private static void Apply(PackedGenotypes packed, int snp, int[] members, Dictionary<int, int> rows)
    {
        foreach (var s in members)
        {
            // 3 (missing) means no earlier variant of the site called this sample.
            if (packed.Get(s, snp) != 3)
            {
                continue;
            }

            var dosage = rows.TryGetValue(s, out var d) ? d : 0;
            if (dosage >= 0)
            {
                packed.Set(s, snp, dosage);
            }
        }
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
