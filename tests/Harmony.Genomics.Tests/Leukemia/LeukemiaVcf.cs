using System.Text;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia;

/// <summary>Builds small literal VCFs and runs the annotator over them.</summary>
internal static class LeukemiaVcf
{
    public const string Grch38Contigs = "##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr6,length=170805979>\n##contig=<ID=chr7,length=159345973>\n##contig=<ID=chr9,length=138394717>\n##contig=<ID=chr12,length=133275309>\n##contig=<ID=chr13,length=114364328>\n##contig=<ID=chr17,length=83257441>\n";
    public const string Grch37BareContigs = "##contig=<ID=1,length=249250621>\n##contig=<ID=6,length=171115067>\n##contig=<ID=12,length=133851895>\n##contig=<ID=13,length=115169878>\n";

    public const string Formats = "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fraction\">\n##FORMAT=<ID=PS,Number=1,Type=Integer,Description=\"Phase set\">\n##FILTER=<ID=LowQual,Description=\"Low quality\">\n";

    public const string Csq = "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|CANONICAL\">\n";
    public const string Ann = "##INFO=<ID=ANN,Number=.,Type=String,Description=\"Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO' \">\n";

    public static (SmallVariantAnnotator Annotator, List<IReadOnlyList<VariantAnnotation>> PerRecord, IReadOnlyList<Abnormality> Abnormalities) Run(
        string meta, string records, SpecimenType type = SpecimenType.Tumour, string samples = "S1", GenomeAssembly? forced = null)
    {
        var text = "##fileformat=VCFv4.2\n" + meta + Formats + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + samples.Replace(',', '\t') + "\n" + records.Replace("  ", "\t", StringComparison.Ordinal);
        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.vcf", new VcfReaderOptions());
        var annotator = new SmallVariantAnnotator(reader.Header, "t.vcf", type, null, forced);
        var record = new VcfRecord();
        var all = new List<IReadOnlyList<VariantAnnotation>>();
        while (reader.Read(record))
        {
            all.Add(annotator.Annotate(record));
        }

        return (annotator, all, annotator.Complete());
    }

    public static List<Abnormality> Mutations(IReadOnlyList<Abnormality> all) => all.Where(a => a.Category != "pharmacogenomic").ToList();

    public static PgxCall Pgx(IReadOnlyList<Abnormality> all, string gene, SmallVariantAnnotator annotator) =>
        annotator.PharmacogenomicCalls().Single(c => c.Gene == gene);
}
