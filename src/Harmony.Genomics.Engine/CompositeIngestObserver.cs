using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Several observers of one ingest (a sample sheet's annotation and <c>--stats</c>), called in order. The source key
/// is the first observer's that gives one: only one observer may decide what makes a source distinct.
/// </summary>
internal sealed class CompositeIngestObserver(IReadOnlyList<IIngestObserver> observers) : IIngestObserver
{
    public string? SourceKey(int inputIndex) =>
        observers.Select(o => o.SourceKey(inputIndex)).FirstOrDefault(key => key is not null);

    public void BeginSource(int inputIndex, int ordinal, long variantIdBase, string sourceFile, VcfHeader header)
    {
        foreach (var o in observers)
        {
            o.BeginSource(inputIndex, ordinal, variantIdBase, sourceFile, header);
        }
    }

    public void Observe(VcfRecord record)
    {
        foreach (var o in observers)
        {
            o.Observe(record);
        }
    }

    public void EndSource()
    {
        foreach (var o in observers)
        {
            o.EndSource();
        }
    }

    public void BeforeCommit(LakeTransaction transaction)
    {
        foreach (var o in observers)
        {
            o.BeforeCommit(transaction);
        }
    }
}
