using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Sees what <see cref="IngestJob"/> ingests, without changing it: each new source's header, each accepted
/// record, and the transaction just before it commits, so derived tables join the same atomic commit.
/// </summary>
internal interface IIngestObserver
{
    /// <summary>
    /// Extra identity mixed into input <paramref name="inputIndex"/>'s content hash, or null. A sample sheet gives the
    /// specimen: the same file listed for two specimens (a tumour/normal VCF) is then two sources, while re-running
    /// the sheet still skips what the lake holds.
    /// </summary>
    string? SourceKey(int inputIndex) => null;

    /// <summary>
    /// Columns the observer adds to <c>samples</c>, or null. When given, the job writes each source's <c>samples</c> rows
    /// after every source is read (still in the same transaction), asking <see cref="SampleValues"/> for them: a sample
    /// sheet's per-patient values (pharmacogenomic calls) are known only once the patient's last file is read.
    /// </summary>
    IReadOnlyList<RowColumn>? SampleColumns => null;

    /// <summary>The <see cref="SampleColumns"/> values of sample column <paramref name="sampleIndex"/> of input <paramref name="inputIndex"/>.</summary>
    object?[] SampleValues(int inputIndex, int sampleIndex) => throw new NotSupportedException("the observer adds no samples columns");

    /// <summary>Whether the observer annotates each record's ALTs (<see cref="Annotate"/>) for <c>variants</c>' annotation columns.</summary>
    bool AnnotatesVariants => false;

    /// <summary>The per-ALT annotations of a record about to be written, or null; called before <see cref="Observe"/>.</summary>
    IReadOnlyList<AlleleAnnotation>? Annotate(VcfRecord record) => null;

    /// <summary>A source the lake did not hold yet is about to be read.</summary>
    /// <param name="inputIndex">The index of the input in the job's list.</param>
    /// <param name="ordinal">The source ordinal in the transaction.</param>
    /// <param name="variantIdBase">Added to a record's index gives its <c>variant_id</c>.</param>
    /// <param name="sourceFile">The stored <c>source_file</c> (a pseudonym unless raw ids are kept).</param>
    /// <param name="header">The source's header.</param>
    void BeginSource(int inputIndex, int ordinal, long variantIdBase, string sourceFile, VcfHeader header);

    /// <summary>A record that was written to <c>variants</c> (rejected records are not observed).</summary>
    void Observe(VcfRecord record);

    /// <summary>The current source is complete.</summary>
    void EndSource();

    /// <summary>Every source is written; write derived tables into <paramref name="transaction"/> now.</summary>
    void BeforeCommit(LakeTransaction transaction);
}
