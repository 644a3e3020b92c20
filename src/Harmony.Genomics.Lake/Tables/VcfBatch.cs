using Apache.Arrow;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// A run of records of one VCF as two Arrow record batches, with the lake's columns: <see cref="Variants"/> (one row
/// per record, INFO as typed columns) and <see cref="Calls"/> (one row per non-hom-ref call, FORMAT as typed columns).
/// Dispose it when done: part of its memory is pooled.
/// </summary>
public sealed class VcfBatch : IDisposable
{
    private readonly List<IDisposable> _owners;

    internal VcfBatch(RecordBatch variants, RecordBatch calls, List<IDisposable> owners)
    {
        Variants = variants;
        Calls = calls;
        _owners = owners;
    }

    /// <summary>One row per record.</summary>
    public RecordBatch Variants { get; }

    /// <summary>One row per call that is not homozygous reference (all calls when asked).</summary>
    public RecordBatch Calls { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Variants.Dispose();
        Calls.Dispose();
        _owners.ForEach(o => o.Dispose());
        _owners.Clear();
    }
}
