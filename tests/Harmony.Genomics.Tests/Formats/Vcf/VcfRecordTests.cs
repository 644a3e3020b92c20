using System.Buffers;
using System.Text;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>A record's ranges read the right bytes whatever memory its line is in.</summary>
public sealed class VcfRecordTests
{
    [Fact]
    public void Bytes_OfALineInsideALargerArray_AreTheBytesOfEachRange()
    {
        // The line starts 5 bytes into its array (as a line in the reader's buffer does).
        var array = Encoding.ASCII.GetBytes("xxxxxchr1\t5\trs1");
        var record = new VcfRecord { Line = array.AsMemory(5, 10) };

        Assert.Equal("chr1", Encoding.ASCII.GetString(record.Bytes(new ByteRange(0, 4))));
        Assert.Equal("rs1", Encoding.ASCII.GetString(record.Bytes(new ByteRange(7, 3))));
        Assert.True(record.Bytes(ByteRange.Missing).IsEmpty);

        // A range past the line is an error, even where the array behind it goes on.
        var line = array.AsMemory(5, 4);
        record.Line = line;
        Assert.Throws<ArgumentOutOfRangeException>(() => record.Bytes(new ByteRange(2, 5)).ToArray());
    }

    [Fact]
    public void Bytes_OfALineNotInAnArray_AreTheBytesOfEachRange()
    {
        using var owner = new NativeLine("chr2\t7\t.");
        var record = new VcfRecord { Line = owner.Memory };

        Assert.Equal("chr2", Encoding.ASCII.GetString(record.Bytes(new ByteRange(0, 4))));
        Assert.Equal("7", Encoding.ASCII.GetString(record.Bytes(new ByteRange(5, 1))));
    }

    // Memory that is not an array (as a memory-mapped or native buffer would be).
    private sealed unsafe class NativeLine : MemoryManager<byte>
    {
        private readonly byte* _bytes;
        private readonly int _length;

        public NativeLine(string text)
        {
            _length = text.Length;
            _bytes = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)_length);
            Encoding.ASCII.GetBytes(text, new Span<byte>(_bytes, _length));
        }

        public override Span<byte> GetSpan() => new(_bytes, _length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(_bytes + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => System.Runtime.InteropServices.NativeMemory.Free(_bytes);
    }
}
