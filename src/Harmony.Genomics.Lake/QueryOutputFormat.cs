namespace Harmony.Genomics.Lake;

/// <summary>How <see cref="LakeQuery.Run"/> prints a result.</summary>
public enum QueryOutputFormat
{
    /// <summary>An aligned text table with a header and a rule, for people.</summary>
    Table,

    /// <summary>RFC 4180 comma-separated values with a header row.</summary>
    Csv,

    /// <summary>Tab-separated values with a header row; tabs, newlines and backslashes in values are escaped.</summary>
    Tsv,

    /// <summary>A JSON array of objects; lists as arrays, structs as objects, SQL NULL as <c>null</c>.</summary>
    Json,
}
