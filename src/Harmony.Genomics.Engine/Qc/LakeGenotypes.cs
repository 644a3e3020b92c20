using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Core;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine.Qc;

/// <summary>
/// Reads a cohort's <c>variants</c>, <c>calls</c> and <c>samples</c> with DuckDB into a <see cref="GenotypeMatrix"/>:
/// one row per variant, one column per distinct sample. Calls are sparse: a sample of the variant's source with no
/// call row is hom-ref (0/0); a sample of another source is absent (not genotyped there).
/// </summary>
internal sealed class LakeGenotypes
{
    private LakeGenotypes(GenotypeMatrix matrix, long[] variantIds, string[] samples, string[] chromPosRefAlt)
    {
        Matrix = matrix;
        VariantIds = variantIds;
        Samples = samples;
        SiteKeys = chromPosRefAlt;
    }

    public GenotypeMatrix Matrix { get; }

    public long[] VariantIds { get; }

    public string[] Samples { get; }

    /// <summary>chrom:pos:ref:alts per variant (joins the same site across sources).</summary>
    public string[] SiteKeys { get; }

    public static LakeGenotypes Load(string lakePath, string cohort, CancellationToken cancellationToken)
    {
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

            var c = Quote(cohort);
            var (sampleNames, sourceSamples) = ReadSamples(connection, c);
            var sampleIndex = sampleNames.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);

            var variants = LakeQuery.Rows(connection,
                $"select variant_id, chrom, pos, ref, len(alts), case when len(alts) = 1 then alts[1] end, array_to_string(alts, ',') from variants where cohort = '{c}' order by variant_id");
            cancellationToken.ThrowIfCancellationRequested();
            var ploidyRow = LakeQuery.Rows(connection, $"select coalesce(max(ploidy), 2) from calls where cohort = '{c}'")[0];
            var ploidy = Math.Max(2, System.Convert.ToInt32(ploidyRow[0], CultureInfo.InvariantCulture));
            var matrix = new GenotypeMatrix(variants.Count, sampleIndex.Count, ploidy);
            Array.Fill(matrix.Alleles, GenotypeMatrix.Absent);
            var ids = new long[variants.Count];
            var keys = new string[variants.Count];
            var rowOf = new Dictionary<long, int>(variants.Count);
            for (var v = 0; v < variants.Count; v++)
            {
                var row = variants[v];
                ids[v] = System.Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
                rowOf[ids[v]] = v;
                var nAlt = System.Convert.ToInt32(row[4], CultureInfo.InvariantCulture);
                if (nAlt > 127)
                {
                    throw new HarmonyException($"variant {ids[v]} has {nAlt} ALT alleles; at most 127 are supported by qc");
                }

                matrix.AltCounts[v] = nAlt;
                var alt1 = row[5] as string;
                matrix.SnvClass[v] = (byte)SnvClassifier.Classify((string)row[3]!, alt1 is null ? [] : [alt1]);
                keys[v] = $"{row[1]}:{row[2]}:{row[3]}:{row[6]}";
                if (sourceSamples.TryGetValue(ids[v] >> LakeColumns.RecordIndexBits, out var members))
                {
                    foreach (var s in members)
                    {
                        matrix.Alleles[matrix.Index(v, 0, s)] = 0;
                        matrix.Alleles[matrix.Index(v, 1, s)] = 0;
                    }
                }
            }

            matrix.SealAltCounts();
            var columns = string.Join(", ", Enumerable.Range(1, ploidy).Select(k =>
                $"case when len(gt_alleles) >= {k} then coalesce(gt_alleles[{k}], -1) else -2 end"));
            using var command = connection.CreateCommand();
            command.CommandText = $"select variant_id, sample, {columns} from calls where cohort = '{c}'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!rowOf.TryGetValue(reader.GetInt64(0), out var v) || !sampleIndex.TryGetValue(reader.GetString(1), out var s))
                {
                    continue;
                }

                for (var h = 0; h < ploidy; h++)
                {
                    var code = System.Convert.ToInt32(reader.GetValue(2 + h), CultureInfo.InvariantCulture);
                    matrix.Alleles[matrix.Index(v, h, s)] = (sbyte)Math.Clamp(code, -2, 127);
                }
            }

            return new LakeGenotypes(matrix, ids, sampleNames, keys);
        }
        catch (DbException e)
        {
            throw new HarmonyException($"qc: reading the lake failed: {e.Message}", e);
        }
    }

    private static string Quote(string text) => text.Replace("'", "''", StringComparison.Ordinal);

    // Samples by name (one index however many sources hold a name), and each source's samples by source ordinal (the
    // variant_id >> 40 of its rows): sources may share a file name (patient folders each with a tumour.vcf.gz), so the
    // name does not tell them apart. Rows written before samples had source_ordinal go to every source of their name.
    internal static (string[] Samples, Dictionary<long, int[]> SourceSamples) ReadSamples(DuckDBConnection connection, string c)
    {
        var hasOrdinal = System.Convert.ToInt64(LakeQuery.Rows(connection, $"select count(*) from (describe samples) where column_name = '{LakeColumns.SourceOrdinal}'")[0][0], CultureInfo.InvariantCulture) > 0;
        var ordinal = hasOrdinal ? LakeColumns.SourceOrdinal : "null::integer";
        var rows = LakeQuery.Rows(connection, $"select distinct {ordinal}, source_file, sample from samples where cohort = '{c}' order by sample, 1, source_file");
        Dictionary<string, long[]>? ordinalsByName = null;
        if (rows.Exists(r => r[0] is null))
        {
            ordinalsByName = LakeQuery.Rows(connection, $"select distinct source_file, variant_id >> {LakeColumns.RecordIndexBits} from variants where cohort = '{c}'")
                .GroupBy(r => (string)r[0]!, r => System.Convert.ToInt64(r[1], CultureInfo.InvariantCulture), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        }

        var sampleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var sourceSamples = new Dictionary<long, List<int>>();
        foreach (var row in rows)
        {
            var sample = (string)row[2]!;
            if (!sampleIndex.TryGetValue(sample, out var index))
            {
                index = sampleIndex.Count;
                sampleIndex.Add(sample, index);
            }

            long[] sources = row[0] is { } value ? [System.Convert.ToInt64(value, CultureInfo.InvariantCulture)] : ordinalsByName!.GetValueOrDefault((string)row[1]!, []);
            foreach (var source in sources)
            {
                if (!sourceSamples.TryGetValue(source, out var list))
                {
                    sourceSamples[source] = list = [];
                }

                if (!list.Contains(index))
                {
                    list.Add(index);
                }
            }
        }

        return ([.. sampleIndex.OrderBy(p => p.Value).Select(p => p.Key)], sourceSamples.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }
}
