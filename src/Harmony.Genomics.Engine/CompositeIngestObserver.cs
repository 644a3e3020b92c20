using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Several observers of one ingest (a sample sheet's annotation and <c>--stats</c>), called in order. The source key,
/// the extra <c>samples</c> columns and the record annotations each come from the first observer that gives them:
/// only one observer may decide each.
/// </summary>
internal sealed class CompositeIngestObserver(IReadOnlyList<IIngestObserver> observers) : IIngestObserver
{
    private readonly IIngestObserver? _samples = observers.FirstOrDefault(o => o.SampleColumns is not null);
    private readonly IIngestObserver? _annotator = observers.FirstOrDefault(o => o.AnnotatesVariants);

    public string? SourceKey(int inputIndex) =>
        observers.Select(o => o.SourceKey(inputIndex)).FirstOrDefault(key => key is not null);

    public IReadOnlyList<RowColumn>? SampleColumns => _samples?.SampleColumns;

    public object?[] SampleValues(int inputIndex, int sampleIndex) =>
        (_samples ?? throw new NotSupportedException("no observer adds samples columns")).SampleValues(inputIndex, sampleIndex);

    public bool AnnotatesVariants => _annotator is not null;

    public IReadOnlyList<AlleleAnnotation>? Annotate(VcfRecord record) => _annotator?.Annotate(record);

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
