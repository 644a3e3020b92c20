using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Passes the small-variant ingest through to <see cref="LeukemiaIngestObserver"/>, collects per-chromosome allelic
/// balance from each file's AD (<see cref="AllelicImbalanceCollector"/>) and, before the commit, adds the sheet's
/// structural, copy-number and fusion files (<see cref="StructuralSheetIngest"/>) to the same transaction.
/// </summary>
internal sealed class StructuralIngestObserver(LeukemiaIngestObserver inner, StructuralSheetIngest structural, IReadOnlyList<SpecimenSource> sources, Compute.Devices.DeviceChoice alleleDepthDevice) : IIngestObserver
{
    /// <inheritdoc />
    public string? SourceKey(int inputIndex) => "specimen:" + sources[inputIndex].Specimen;

    private AllelicImbalanceCollector? _balance;
    private SpecimenSource? _source;
    private string _sourceFile = string.Empty;

    public int Abnormalities => inner.Abnormalities + structural.Abnormalities;

    public IReadOnlyList<Lake.Tables.RowColumn>? SampleColumns => inner.SampleColumns;

    public object?[] SampleValues(int inputIndex, int sampleIndex) => inner.SampleValues(inputIndex, sampleIndex);

    public bool AnnotatesVariants => inner.AnnotatesVariants;

    public IReadOnlyList<Lake.Tables.AlleleAnnotation>? Annotate(VcfRecord record) => inner.Annotate(record);

    public void BeginSource(int inputIndex, int ordinal, long variantIdBase, string sourceFile, VcfHeader header)
    {
        inner.BeginSource(inputIndex, ordinal, variantIdBase, sourceFile, header);
        _source = sources[inputIndex];
        _sourceFile = sourceFile;
        _balance = new AllelicImbalanceCollector(header, _source.Row.SpecimenType, _source.Row.Specimen, device: alleleDepthDevice);
        structural.BeginSmallVariantSource(ordinal);
    }

    public void Observe(VcfRecord record)
    {
        inner.Observe(record);
        _balance!.Observe(record);
    }

    public void EndSource()
    {
        inner.AddAbnormalities(structural.AddAllelicBalance(_source!, _sourceFile, _balance!.Results()));
        inner.EndSource();
        _balance = null;
    }

    public void BeforeCommit(LakeTransaction transaction)
    {
        inner.BeforeCommit(transaction);
        structural.Write(transaction);
        structural.WriteClinical(transaction);
        structural.WriteClassifications(transaction, inner);
    }
}
