namespace Harmony.Genomics.Lake.Tables;

/// <summary>The file formats <c>harmony convert</c> writes.</summary>
public enum SingleFileFormat
{
    /// <summary>Apache Parquet (Zstd).</summary>
    Parquet,

    /// <summary>Arrow IPC file format (Feather v2).</summary>
    ArrowIpc,
}
