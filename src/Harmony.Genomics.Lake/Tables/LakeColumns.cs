namespace Harmony.Genomics.Lake.Tables;

/// <summary>The lake's table names and fixed columns (contract v1; see docs/lake-schema.md).</summary>
public static class LakeColumns
{
    /// <summary>The schema version stamped into every file.</summary>
    public const string SchemaVersion = "1";

    /// <summary>One row per VCF record.</summary>
    public const string VariantsTable = "variants";

    /// <summary>One row per sample per record for every call that is not homozygous reference.</summary>
    public const string CallsTable = "calls";

    /// <summary>One row per sample per source.</summary>
    public const string SamplesTable = "samples";

    /// <summary>Records rejected in lenient mode, with the reason.</summary>
    public const string RejectedTable = "rejected";

    /// <summary>
    /// The bits of <c>variant_id</c> below the source ordinal: <c>variant_id</c> = ordinal × 2^40 + <c>record_index</c>,
    /// so <c>variant_id &gt;&gt; 40</c> is a row's <c>source_ordinal</c>.
    /// </summary>
    public const int RecordIndexBits = 40;

    /// <summary>The source's number in the lake (<c>samples.source_ordinal</c>, <c>variant_id &gt;&gt; 40</c> elsewhere).</summary>
    public const string SourceOrdinal = "source_ordinal";

    /// <summary>The Hive partition column holding the cohort name.</summary>
    public const string CohortPartition = "cohort";

    /// <summary>Per-ALT annotation columns of <c>variants</c> (sample-sheet ingests): the gene.</summary>
    public const string Gene = "gene";

    /// <summary>Per-ALT Sequence Ontology consequence from VEP/SnpEff.</summary>
    public const string Consequence = "consequence";

    /// <summary>Per-ALT HGVS coding notation.</summary>
    public const string HgvsC = "hgvs_c";

    /// <summary>Per-ALT HGVS protein notation.</summary>
    public const string HgvsP = "hgvs_p";

    /// <summary>Per-ALT knowledge-base hotspot flag.</summary>
    public const string Hotspot = "hotspot";

    /// <summary>Per-ALT hotspot name.</summary>
    public const string HotspotName = "hotspot_name";

    internal static readonly string[] VariantFixed =
        ["variant_id", "cohort", "source_file", "record_index", "chrom", "pos", "end_pos", "id", "ref", "alts", "qual", "filters"];

    internal static readonly string[] CallFixed =
        ["variant_id", "cohort", "sample", "sample_index", "gt", "gt_alleles", "gt_phased", "ploidy"];
}
