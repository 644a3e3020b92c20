using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.Formats.Vcf;

public sealed class VcfRecordDecoderTests
{
    [Fact]
    public void Decode_FixedColumns_AreTyped()
    {
        var r = VcfText.ReadOne("chr1\t100\trs1;rs2\tA\tC,<DEL>\t29.5\tq10;PASS\tDP=14\tGT\t0/1\t1|2");
        Assert.Equal("chr1", r.GetString(r.Chromosome));
        Assert.Equal(100, r.Position);
        Assert.Equal(100, r.EndPosition);
        Assert.Equal("rs1;rs2", r.GetString(r.Id));
        Assert.Equal("A", r.GetString(r.Reference));
        Assert.Equal(["C", "<DEL>"], r.AlternateAlleles.Select(a => r.GetString(a)));
        Assert.Equal(29.5, r.Quality);
        Assert.Equal(["q10", "PASS"], r.Filters.Select(f => r.GetString(f)));
    }

    [Theory]
    [InlineData("3,4,0", new[] { 3, 4, 0 })]
    [InlineData(".,4,.", new[] { int.MinValue, 4, int.MinValue })]
    [InlineData("-5,0007,2147483647", new[] { -5, 7, 2147483647 })]
    [InlineData("-2147483640,1,2", new[] { -2147483640, 1, 2 })]
    [InlineData("00000000000000012,1,2", new[] { 12, 1, 2 })]
    [InlineData("+1,+0,-2", new[] { 1, 0, -2 })]
    public void Decode_IntegerLists_ParseAsTheGeneralPathWould(string ad, int[] expected)
    {
        var r = VcfText.ReadOne($"chr1\t5\t.\tA\tC,G\t.\tPASS\t.\tGT:AD\t0/1:{ad}\t0/0:1,2,3");
        var values = r.GetSampleValues(0, 1);
        Assert.Equal(expected, r.Integers.Slice(values.Start, values.Count).ToArray());
    }

    [Theory]
    [InlineData("1,,2", "an Integer, found ''")]
    [InlineData("1, 2,3", "an Integer, found ' 2'")]
    [InlineData("1,+-2,3", "an Integer, found '+-2'")]
    [InlineData("1,2", "3 values (Number=R), found 2")]
    [InlineData("1,2,3,", "3 values (Number=R), found 4")]
    [InlineData("1,2,2147483648", "(overflow)")]
    [InlineData("1,-2147483641,2", "(overflow)")]
    [InlineData("1,2.5,3", "an Integer, found '2.5'")]
    public void Decode_BadIntegerLists_AreExplained(string ad, string expected)
    {
        var error = Assert.Throws<InputFormatException>(() => VcfText.ReadOne($"chr1\t5\t.\tA\tC,G\t.\tPASS\t.\tGT:AD\t0/1:{ad}\t0/0:1,2,3"));
        Assert.Contains("FORMAT/AD", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    // VCF 4.4 §1.3: an Integer is ^[-+]?[0-9]+$, POS included, so a '+' is read as bcftools reads it.
    [Fact]
    public void Decode_PlusSignedIntegers_InPosInfoAndFormat()
    {
        var r = VcfText.ReadOne("chr1\t+150\t.\tA\tC\t.\tPASS\tDP=+10\tGT:DP\t0/1:+7\t0/0:8");
        Assert.Equal(150, r.Position);
        Assert.Equal(10, r.Integers[r.Info.Single(e => e.Field.Id == "DP").Values.Start]);
        var dp = r.GetSampleValues(0, 1);
        Assert.Equal([7], r.Integers.Slice(dp.Start, dp.Count).ToArray());
    }

    // htslib's vcf_parse: an INFO/END before POS does not give the span; a warning, and the span of REF.
    [Fact]
    public void Decode_EndBeforePos_KeepsTheValue_TakesTheSpanFromRef_AndWarns()
    {
        var warnings = new List<string>();
        var r = VcfText.ReadOne("chr1\t5\t.\tAC\tA\t.\tPASS\tEND=3\tGT\t0/1\t0/0", new VcfReaderOptions { Warning = warnings.Add });

        Assert.Equal(6, r.EndPosition);
        Assert.Equal(3, r.Integers[r.Info.Single(e => e.Field.Id == "END").Values.Start]);
        Assert.Contains(warnings, w => w.Contains("INFO/END=3 is smaller than POS=5", StringComparison.Ordinal));
    }

    [Fact]
    public void Decode_UndefinedInfoKey_UsedBothWays_ErrorSaysHowItWasTypedAndWhatToDo()
    {
        using var reader = VcfText.Open(VcfText.Header + "\nchr1\t5\t.\tA\tC\t.\tPASS\tYY\tGT\t0/1\t0/0\nchr1\t6\t.\tA\tC\t.\tPASS\tYY=abc\tGT\t0/1\t0/0\n", new VcfReaderOptions { Warning = _ => { } });
        var record = new VcfRecord();
        Assert.True(reader.Read(record));
        var error = Assert.Throws<InputFormatException>(() => reader.Read(record));
        Assert.Contains("INFO/YY is not defined in the header and was taken as a Flag where first met; declare it with an ##INFO line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MissingValues_AreMissing()
    {
        var r = VcfText.ReadOne("chr1\t5\t.\tACG\t.\t.\t.\t.\tGT:DP\t./.:.\t.");
        Assert.True(r.Id.IsMissing);
        Assert.Empty(r.AlternateAlleles);
        Assert.Null(r.Quality);
        Assert.True(r.FilterMissing);
        Assert.Empty(r.Info);
        Assert.Equal(7, r.EndPosition);
        Assert.Equal("./.", r.FormatGenotype(0));
        Assert.Equal(".", r.FormatGenotype(1));
        Assert.True(r.GetSampleValues(0, 1).IsMissing);
    }

    [Fact]
    public void Decode_InfoValues_AreTypedByHeader()
    {
        var r = VcfText.ReadOne("chr1\t5\t.\tA\tC,G\t.\tPASS\tDP=7;AF=0.25,.;AD=1,2,3;DB;GENE=IKZF1,PAX5;END=9;C=x\tGT\t0/0\t0/0");
        var info = r.Info.ToDictionary(e => e.Field.Id, e => e.Values);
        Assert.Equal(7, r.Integers[info["DP"].Start]);
        Assert.Equal(0.25, r.Floats[info["AF"].Start]);
        Assert.True(VcfMissing.IsMissing(r.Floats[info["AF"].Start + 1]));
        Assert.Equal([1, 2, 3], r.Integers.Slice(info["AD"].Start, 3).ToArray());
        Assert.Equal(0, info["DB"].Count);
        Assert.Equal(["IKZF1", "PAX5"], Enumerable.Range(0, 2).Select(k => r.GetString(r.Texts[info["GENE"].Start + k])));
        Assert.Equal(9, r.EndPosition);
        Assert.Equal("x", r.GetString(r.Texts[info["C"].Start]));
    }

    [Theory]
    [InlineData("0/1", new[] { 0, 1 }, "0/1")]
    [InlineData("1|0", new[] { 1, 0 }, "1|0")]
    [InlineData("1", new[] { 1 }, "1")]
    [InlineData("0/1|1", new[] { 0, 1, 1 }, "0/1|1")]
    [InlineData(".|1", new[] { -1, 1 }, ".|1")]
    [InlineData("./.", new[] { -1, -1 }, "./.")]
    [InlineData("|1", new[] { 1 }, "1")]
    public void Decode_Genotypes_AnyPloidyAndPhasing(string gt, int[] alleles, string printed)
    {
        var r = VcfText.ReadOne($"chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t{gt}\t0/0");
        Assert.Equal(alleles, r.GetAlleles(0).ToArray());
        Assert.Equal(printed, r.FormatGenotype(0));
        Assert.False(r.IsHomozygousReference(0));
        Assert.True(r.IsHomozygousReference(1));
    }

    [Fact]
    public void Decode_TrailingFormatFieldsDropped_AreMissing()
    {
        var r = VcfText.ReadOne("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:AD:DP\t0/1\t0/1:3,4:7");
        Assert.True(r.GetSampleValues(0, 1).IsMissing);
        Assert.True(r.GetSampleValues(0, 2).IsMissing);
        Assert.Equal(7, r.Integers[r.GetSampleValues(1, 2).Start]);
    }

    [Fact]
    public void Decode_NumberG_UsesSamplePloidy()
    {
        var r = VcfText.ReadOne("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:GL\t0/1:-1,-2,-3\t1:-1,-2");
        Assert.Equal(3, r.GetSampleValues(0, 1).Count);
        Assert.Equal(2, r.GetSampleValues(1, 1).Count);
    }

    [Fact]
    public void Decode_UndefinedInfo_IsStringWithWarning()
    {
        var warnings = new List<string>();
        var r = VcfText.ReadOne("chr1\t5\t.\tA\tC\t.\tPASS\tNEW=1,2;FLAGGY\tGT\t0/1\t0/0", new VcfReaderOptions { Warning = warnings.Add });
        Assert.Equal(VcfValueType.String, r.Info[0].Field.Type);
        Assert.False(r.Info[0].Field.IsDeclared);
        Assert.Equal("1,2", r.GetString(r.Texts[r.Info[0].Values.Start]));
        Assert.Equal(VcfValueType.Flag, r.Info[1].Field.Type);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("INFO/NEW is not defined", warnings[0], StringComparison.Ordinal);
    }

    // The fixed columns' inlined forms take plain values and leave the rest to the checked forms: at the edges of what
    // they take, the record is what the checked forms give.
    [Theory]
    [InlineData("123456789012345678", 123456789012345678L)] // 18 digits: the inlined form
    [InlineData("1234567890123456789", 1234567890123456789L)] // 19: the checked form
    [InlineData("+5", 5L)]
    [InlineData("0007", 7L)]
    [InlineData("1", 1L)] // one word
    [InlineData("12345678", 12345678L)]
    [InlineData("123456789", 123456789L)] // two words
    [InlineData("248956422", 248956422L)]
    [InlineData("1234567890123456", 1234567890123456L)]
    [InlineData("12345678901234567", 12345678901234567L)] // 17: the byte loop
    [InlineData("0000000000000009", 9L)]
    public void Decode_Position_ParsesAsTheCheckedFormWould(string pos, long expected)
    {
        var r = VcfText.ReadOne($"chr1\t{pos}\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1");
        Assert.Equal(expected, r.Position);
    }

    [Theory]
    [InlineData("29.5", 29.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("1e3", 1000.0)] // not a short decimal: the checked form
    [InlineData("INF", double.PositiveInfinity)]
    public void Decode_Quality_ParsesAsTheCheckedFormWould(string qual, double expected)
    {
        var r = VcfText.ReadOne($"chr1\t5\trs7\tacgtN\tC\t{qual}\tPASS\t.\tGT\t0/1\t0/1");
        Assert.Equal(expected, r.Quality);
        Assert.Equal("rs7", r.GetString(r.Id));
        Assert.Equal("acgtN", r.GetString(r.Reference));
    }

    [Theory]
    [InlineData("chr 1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "CHROM", "without white space")]
    [InlineData("chr1\r\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "CHROM", "without white space")]
    [InlineData("chr1\t5\trs 7\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "ID", "without white space")]
    [InlineData("chr1\t5\t\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "ID", "empty column")]
    [InlineData("chr1\t5\t.\tAX\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "REF", "reference bases")]
    [InlineData("chr1\t5\t.\tA\tC\t2..5\tPASS\t.\tGT\t0/1\t0/1", "QUAL", "a number")]
    [InlineData("chr1\t\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "empty column")]
    [InlineData("chr1\t12a\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "trailing characters")]
    [InlineData("chr1\t1234567/\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "trailing characters")]
    [InlineData("chr1\t12345678:\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "trailing characters")]
    [InlineData("chr1\t123456789012345 \t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "trailing characters")]
    [InlineData("chr1\t-5\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "a negative number")]
    public void Decode_FixedColumnOutsideTheInlinedForms_RaisesTheCheckedError(string line, string column, string expected)
    {
        var e = Assert.Throws<InputFormatException>(() => VcfText.ReadOne(line));
        Assert.Equal(column, e.Column);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Filters_UndefinedNameIsReportedOnceAndDefinedNamesNever()
    {
        var warnings = new List<string>();
        var lines = string.Join('\n', new[] { "lowq", "q10", "PASS", "lowq", "q10;lowq", "PASS;q10" }.Select(f => $"chr1\t5\t.\tA\tC\t.\t{f}\t.\tGT\t0/1\t0/1"));
        using var reader = VcfText.Open(VcfText.Header + "\n" + lines + "\n", new VcfReaderOptions { Warning = warnings.Add });
        var record = new VcfRecord();
        var filters = new List<string>();
        while (reader.Read(record))
        {
            filters.Add(string.Join(';', record.Filters.Select(f => record.GetString(f))));
        }

        Assert.Equal(["lowq", "q10", "PASS", "lowq", "q10;lowq", "PASS;q10"], filters);
        var warning = Assert.Single(warnings);
        Assert.Contains("FILTER 'lowq' is not defined in the header", warning, StringComparison.Ordinal);
        Assert.Contains("line 17", warning, StringComparison.Ordinal);
    }

    // Separators are looked for among the first bytes one by one, then by the vectorised search: values on both sides
    // of that boundary split alike.
    [Fact]
    public void Decode_LongAllelesFiltersAndInfoEntries_SplitAsShortOnes()
    {
        var gene = new string('G', 40);
        var alt = "ACGTACGTACGTACGTACGTA";
        var r = VcfText.ReadOne($"chr1\t5\t.\tA\t{alt},C,{alt}T\t.\tq10;a_filter_name_of_24_b;PASS\tGENE={gene},B;DP=7;GENE2=x\tGT\t0/1\t0/1");
        Assert.Equal([alt, "C", alt + "T"], r.AlternateAlleles.Select(a => r.GetString(a)));
        Assert.Equal(["q10", "a_filter_name_of_24_b", "PASS"], r.Filters.Select(f => r.GetString(f)));
        var info = r.Info.ToDictionary(e => e.Field.Id, e => e.Values);
        Assert.Equal([gene, "B"], Enumerable.Range(info["GENE"].Start, info["GENE"].Count).Select(i => r.GetString(r.Texts[i])));
        Assert.Equal(7, r.Integers[info["DP"].Start]);
        Assert.Equal("x", r.GetString(r.Texts[info["GENE2"].Start]));
    }

    [Fact]
    public void Decode_UndefinedInfoInStrictMode_IsAnError()
    {
        var e = Assert.Throws<InputFormatException>(() => VcfText.ReadOne("chr1\t5\t.\tA\tC\t.\tPASS\tNEW=1\tGT\t0/1\t0/0", new VcfReaderOptions { Strict = true }));
        Assert.Equal("INFO/NEW", e.Column);
    }

    [Theory]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0/1", null, "11 tab-separated columns, found 10")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1\t0/1", null, "found more")]
    [InlineData("chr1 5 . A C . PASS . GT 0/1 0/1", null, "not spaces")]
    [InlineData("chr1\tfive\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "not a number")]
    [InlineData("chr1\t-5\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "negative")]
    [InlineData("chr1\t5x\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "trailing characters")]
    [InlineData("chr1\t99999999999999999999\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "POS", "overflow")]
    [InlineData("chr1\t5\t.\tA\tC\tgood\tPASS\t.\tGT\t0/1\t0/1", "QUAL", "a number")]
    [InlineData("chr1\t5\t.\t\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "REF", "empty column")]
    [InlineData("chr1\t5\t.\tA1\tC\t.\tPASS\t.\tGT\t0/1\t0/1", "REF", "reference bases")]
    [InlineData("chr1\t5\t.\tA\tC,,G\t.\tPASS\t.\tGT\t0/1\t0/1", "ALT", "empty allele")]
    [InlineData("chr1\t5\t.\tA\tC?\t.\tPASS\t.\tGT\t0/1\t0/1", "ALT", "alternate allele")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tDP=x\tGT\t0/1\t0/1", "INFO/DP", "an Integer")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tDP=99999999999\tGT\t0/1\t0/1", "INFO/DP", "overflow")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tAF=0.1,0.2\tGT\t0/1\t0/1", "INFO/AF", "1 value (Number=A), found 2")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tAD=1\tGT\t0/1\t0/1", "INFO/AD", "2 values (Number=R), found 1")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tDB=1\tGT\t0/1\t0/1", "INFO/DB", "a Flag without a value")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tDP=1;DP=2\tGT\t0/1\t0/1", "INFO/DP", "at most once")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:DP:DP\t0/1:1:1\t0/1:1:1", "FORMAT/DP", "at most once")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0/2\t0/1", "FORMAT/GT", "allele indexes from 0 to 1")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0/99999999999\t0/1", "FORMAT/GT", "allele indexes from 0 to 1 (the record has 1 ALT allele), found 99999999999")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0-1\t0/1", "FORMAT/GT", "'/' or '|'")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:GL\t0/1:1,2\t0/1", "FORMAT/GL", "3 values (Number=G), found 2")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tDP:GT\t1:0/1\t1:0/1", "FORMAT", "GT as the first FORMAT key")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:DP\t0/1:1:5\t0/1", "sample 1", "at most 2")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tC=xy\tGT\t0/1\t0/1", "INFO/C", "single Character")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tC=%3B%3B\tGT\t0/1\t0/1", "INFO/C", "single Character, found '%3B%3B'")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tC=%ZZ\tGT\t0/1\t0/1", "INFO/C", "single Character, found '%ZZ'")]
    [InlineData("chr1\t5\t.\tA\tC\t.\tPASS\tDP=1\u0000\tGT\t0/1\t0/1", null, "NUL byte")]
    [InlineData("# a note about the next record", null, "a '#' line among the records")]
    public void Decode_MalformedRecord_RaisesSpecificError(string line, string? column, string expected)
    {
        var e = Assert.Throws<InputFormatException>(() => VcfText.ReadOne(line));
        Assert.Equal(column, e.Column);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(17, e.Line);
        Assert.Equal("test.vcf", e.SourceName);
    }

    // VCF 4.4 §1.2: ':', ';', '=', '%', ',', CR, LF and TAB are written percent-encoded, so '%3B' is how a Character
    // value ';' is written (and '%C3%BC' one character too). Kept as written, as String values and bcftools keep them.
    [Theory]
    [InlineData("%3B")]
    [InlineData("%2C")]
    [InlineData("%25")]
    [InlineData("%C3%BC")]
    public void Decode_PercentEncodedCharacter_IsOneCharacterKeptAsWritten(string value)
    {
        var r = VcfText.ReadOne($"chr1\t5\t.\tA\tC\t.\tPASS\tC={value}\tGT\t0/1\t0/1");
        var info = r.Info.ToDictionary(e => e.Field.Id, e => e.Values);
        Assert.Equal(value, r.GetString(r.Texts[info["C"].Start]));
    }

    [Fact]
    public void Decode_InvalidUtf8_IsAnErrorWithOffset()
    {
        var header = System.Text.Encoding.UTF8.GetBytes(VcfText.Header + "\n");
        var line = "chr1\t5\t.\tA\tC\t.\tPASS\tX=\u00ff\tGT\t0/1\t0/1\n"u8.ToArray();
        var bad = line.AsSpan().IndexOf((byte)0xc3);
        line[bad] = 0xff;
        using var reader = new VcfReader(new MemoryStream([.. header, .. line]), "bad.vcf", new VcfReaderOptions());
        var e = Assert.Throws<InputFormatException>(() => reader.Read(new VcfRecord()));
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Equal(header.Length + bad, e.ByteOffset);
    }

    [Fact]
    public void ReadOrReject_MalformedLine_IsReturnedAndReadingContinues()
    {
        using var reader = VcfText.Open(VcfText.Header + "\nchr1\tx\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1\nchr1\t6\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/1\n");
        var record = new VcfRecord();
        Assert.True(reader.ReadOrReject(record, out var rejected));
        Assert.NotNull(rejected);
        Assert.Equal(0, record.RecordIndex);
        Assert.True(reader.ReadOrReject(record, out rejected));
        Assert.Null(rejected);
        Assert.Equal(6, record.Position);
        Assert.Equal(1, record.RecordIndex);
        Assert.False(reader.ReadOrReject(record, out _));
    }
}
