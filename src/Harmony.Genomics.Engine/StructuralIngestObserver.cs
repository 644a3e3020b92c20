using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Passes the small-variant ingest through to <see cref="LeukemiaIngestObserver"/> and, before the commit, adds the
/// sheet's structural, copy-number and fusion files (<see cref="StructuralSheetIngest"/>) to the same transaction.
/// </summary>
internal sealed class StructuralIngestObserver(LeukemiaIngestObserver inner, StructuralSheetIngest structural) : IIngestObserver
{
    public int Abnormalities => inner.Abnormalities + structural.Abnormalities;

    public void BeginSource(int inputIndex, int ordinal, long variantIdBase, string sourceFile, VcfHeader header) => inner.BeginSource(inputIndex, ordinal, variantIdBase, sourceFile, header);

    public void Observe(VcfRecord record) => inner.Observe(record);

    public void EndSource() => inner.EndSource();

    public void BeforeCommit(LakeTransaction transaction)
    {
        inner.BeforeCommit(transaction);
        structural.Write(transaction);
    }
}
