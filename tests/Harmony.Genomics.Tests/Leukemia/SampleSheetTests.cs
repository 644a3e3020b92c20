using Harmony.Genomics.Core;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia;

public sealed class SampleSheetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sheet").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private void Vcfs()
    {
        Write("vcf/small.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        Write("vcf/sv.vcf", "##fileformat=VCFv4.2\n##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"SV type\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        Write("fus.tsv", "#gene1\tgene2\tstrand1\n");
        Write("cn.seg", "ID\tchrom\tloc.start\n");
    }

    [Fact]
    public void Reads_csv_with_sniffed_kinds_relative_files_and_clinical_columns()
    {
        Vcfs();
        var sheet = SampleSheet.Read(Write("sheet.csv", "patient,specimen,specimen_type,file,kind,age,sex\nP1,P1-D,tumour,vcf/small.vcf,,7,F\nP1,P1-SV,tumor,vcf/sv.vcf,,7,\nP1,P1-F,tumour,fus.tsv,,,\nP1,P1-CN,tumour,cn.seg,copy_number,,\n\"P2, x\",P2-G,germline,vcf/small.vcf,small_variants,,M\n"));
        Assert.Equal(5, sheet.Rows.Count);
        var r = sheet.Rows[0];
        Assert.Equal(("P1", "P1-D", SpecimenType.Tumour, DataKind.SmallVariants, true, 2), (r.Patient, r.Specimen, r.SpecimenType, r.Kind, r.KindSniffed, r.Line));
        Assert.Equal(Path.Combine(_dir, "vcf", "small.vcf"), r.File);
        Assert.Equal("7", r.Clinical["age"]);
        Assert.Equal("F", r.Clinical["sex"]);
        Assert.Equal(DataKind.StructuralVariants, sheet.Rows[1].Kind);
        Assert.Equal(DataKind.Fusions, sheet.Rows[2].Kind);
        Assert.False(sheet.Rows[3].KindSniffed);
        Assert.Equal("P2, x", sheet.Rows[4].Patient);
        Assert.Equal(SpecimenType.Germline, sheet.Rows[4].SpecimenType);
        Assert.False(sheet.Rows[4].Clinical.ContainsKey("age"));
    }

    [Fact]
    public void Reads_tsv()
    {
        Vcfs();
        var sheet = SampleSheet.Read(Write("sheet.tsv", "patient\tspecimen\tspecimen_type\tfile\nP1\tS1\tnormal\tvcf/small.vcf\n"));
        Assert.Equal(SpecimenType.Normal, Assert.Single(sheet.Rows).SpecimenType);
    }

    [Theory]
    [InlineData("sheet.csv", "patient\tspecimen\tspecimen_type\tfile\nP1\tS1\ttumour\tvcf/small.vcf\n", "the header line has tabs, but a .csv file is read as comma-separated: name a tab-separated file .tsv")]
    [InlineData("sheet.tsv", "patient,specimen,specimen_type,file\nP1,S1,tumour,vcf/small.vcf\n", "the header line has commas, but a .tsv file is read as tab-separated: name a comma-separated file .csv")]
    public void A_sheet_whose_separator_disagrees_with_its_extension_is_told_so(string name, string text, string expected)
    {
        // The extension decides the separator, so such a header is one column and 'patient' reads as missing; the
        // message must not leave the user looking at a header that plainly has a 'patient' column.
        Vcfs();
        var e = Assert.Throws<HarmonyException>(() => SampleSheet.Read(Write(name, text)));
        Assert.Contains("missing column 'patient'", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_of_a_well_separated_sheet_gives_no_separator_hint()
    {
        Vcfs();
        var e = Assert.Throws<HarmonyException>(() => SampleSheet.Read(Write("plain.csv", "patient,specimen,file\nP1,S1,vcf/small.vcf\n")));
        Assert.DoesNotContain("separated", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("patient,specimen,file\nP1,S1,vcf/small.vcf\n", "line 1: missing column 'specimen_type'")]
    [InlineData("patient,specimen,specimen_type,file\nP1,,tumour,vcf/small.vcf\n", "line 2, column specimen: empty")]
    [InlineData("patient,specimen,specimen_type,file\nP1,S1,blood,vcf/small.vcf\n", "line 2, column specimen_type: 'blood' is not one of tumour, normal, germline")]
    [InlineData("patient,specimen,specimen_type,file\n\nP1,S1,tumour,nope.vcf\n", "line 3, column file: 'nope.vcf' not found")]
    [InlineData("patient,specimen,specimen_type,file,kind\nP1,S1,tumour,vcf/small.vcf,snv\n", "line 2, column kind: 'snv' is not one of")]
    [InlineData("patient,specimen,specimen_type,file\nP1,S1,tumour,vcf/small.vcf,extra\n", "line 2: 5 columns, the header has 4")]
    public void Errors_name_sheet_line_and_column(string text, string expected)
    {
        Vcfs();
        var path = Write("bad.csv", text);
        var e = Assert.Throws<HarmonyException>(() => SampleSheet.Read(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    // DELLY writes BCF by default: a .bcf is sniffed from its header like a VCF (it was "cannot be sniffed").
    [RequiresToolFact("bcftools")]
    public void Bcf_kind_is_sniffed_from_its_header()
    {
        Vcfs();
        foreach (var name in new[] { "sv", "small" })
        {
            var result = ProcessRunner.Run("bcftools", ["view", "-Ob", "-o", Path.Combine(_dir, "vcf", name + ".bcf"), Path.Combine(_dir, "vcf", name + ".vcf")]);
            Assert.True(result.ExitCode == 0, result.StandardError);
        }

        var sheet = SampleSheet.Read(Write("b.csv", "patient,specimen,specimen_type,file\nP,S,tumour,vcf/sv.bcf\nP,S,tumour,vcf/small.bcf\n"));
        Assert.Equal([DataKind.StructuralVariants, DataKind.SmallVariants], sheet.Rows.Select(r => r.Kind).ToArray());
    }

    [Fact]
    public void Unsniffable_kind_is_an_error()
    {
        Write("notes.txt", "hello\n");
        var e = Assert.Throws<HarmonyException>(() => SampleSheet.Read(Write("s.csv", "patient,specimen,specimen_type,file\nP,S,tumour,notes.txt\n")));
        Assert.Contains("line 2, column kind: empty", e.Message, StringComparison.Ordinal);
    }
}
