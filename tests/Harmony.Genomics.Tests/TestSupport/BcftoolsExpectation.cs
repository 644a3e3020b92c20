namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>What <c>bcftools query</c> reads from one VCF file, in the text form conformance.sh compares.</summary>
/// <param name="ExitCode">The exit status of the sites query; non-zero means bcftools rejects the file.</param>
/// <param name="Error">What bcftools wrote to stderr for the sites query.</param>
/// <param name="Sites">One line per record: CHROM, POS, REF, ALT joined by tabs, in file order.</param>
/// <param name="Calls">
/// One line per non-homozygous-reference call: 0-based record index, sample, GT joined by tabs, sorted ordinally;
/// null when the file has no genotypes for bcftools (the calls query failed), so calls are not compared.
/// </param>
public sealed record BcftoolsExpectation(int ExitCode, string Error, IReadOnlyList<string> Sites, IReadOnlyList<string>? Calls)
{
    /// <summary>Whether bcftools reads the file.</summary>
    public bool Accepted => ExitCode == 0;
}
