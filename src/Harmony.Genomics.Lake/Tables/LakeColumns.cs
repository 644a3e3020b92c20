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

    /// <summary>The Hive partition column holding the cohort name.</summary>
    public const string CohortPartition = "cohort";

    internal static readonly string[] VariantFixed =
        ["variant_id", "cohort", "source_file", "record_index", "chrom", "pos", "end_pos", "id", "ref", "alts", "qual", "filters"];

    internal static readonly string[] CallFixed =
        ["variant_id", "cohort", "sample", "sample_index", "gt", "gt_alleles", "gt_phased", "ploidy"];
}
