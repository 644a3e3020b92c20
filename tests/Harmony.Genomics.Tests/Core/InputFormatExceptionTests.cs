using Harmony.Genomics.Core;

namespace Harmony.Genomics.Tests.Core;

public sealed class InputFormatExceptionTests
{
    [Fact]
    public void Message_WithLineAndColumn_NamesEveryPlace()
    {
        var e = new InputFormatException("a.vcf", 12, 345, "POS", "a positive integer, found 'x1'");
        Assert.Equal("a.vcf: line 12, byte 345, column POS: a positive integer, found 'x1'", e.Message);
        Assert.Equal("POS: a positive integer, found 'x1'", e.Reason);
    }

    [Fact]
    public void Message_WithoutLine_NamesByteOffsetOnly()
    {
        var e = new InputFormatException("a.vcf.gz", null, 65536, null, "a BGZF block header");
        Assert.Equal("a.vcf.gz: byte 65536: a BGZF block header", e.Message);
    }
}
