namespace Harmony.Genomics.Leukemia;

/// <summary>One finding for one specimen, as written to the <c>abnormalities</c> table.</summary>
/// <param name="Name">Canonical name, e.g. <c>NRAS p.G12D</c>, <c>TPMT *1/*3A</c>.</param>
/// <param name="Category"><c>mutation</c>, <c>germline</c> or <c>pharmacogenomic</c> (this library's small-variant rules).</param>
/// <param name="Genes">Genes involved.</param>
/// <param name="Detail">HGVS, VAF, zygosity, exon or domain, phenotype and every caveat.</param>
/// <param name="Evidence">The records behind it (file, line, CHROM:POS REF&gt;ALT).</param>
/// <param name="GeneticOrigin"><c>somatic</c>, <c>germline</c> or <c>unknown</c> (tumour-only data cannot tell).</param>
/// <param name="Certainty">The weakest certainty of the knowledge-base facts it rests on.</param>
public sealed record Abnormality(string Name, string Category, IReadOnlyList<string> Genes, string Detail, string Evidence, string GeneticOrigin, Certainty Certainty);
