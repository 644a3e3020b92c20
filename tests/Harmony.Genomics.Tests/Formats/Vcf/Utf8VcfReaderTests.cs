using System.Buffers;
using System.Text;
using FsCheck.Xunit;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>
/// The line tokenizer over buffers cut anywhere, as a pipe hands them over: lines within one segment, lines across
/// segments, CRLF endings, a last line without a newline, and the line-length limit.
/// </summary>
public sealed class Utf8VcfReaderTests
{
    [Property(MaxTest = 300)]
    public bool AnySegmentation_GivesTheLinesOfTheText(byte[] cuts, byte[] shape)
    {
        var text = Text(shape);
        var bytes = Encoding.ASCII.GetBytes(text);
        var expected = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (text.Length == 0 || text.EndsWith('\n'))
        {
            expected.RemoveAt(expected.Count - 1);
        }

        var (lines, offsets) = ReadAll(Segments(bytes, cuts), new VcfReaderState());
        var starts = new List<long>();
        for (long at = 0, i = 0; i < expected.Count; i++)
        {
            starts.Add(at);
            at += bytes.AsSpan((int)at).IndexOf((byte)'\n') + 1;
        }

        return lines.SequenceEqual(expected) && offsets.SequenceEqual(starts);
    }

    [Fact]
    public void ALineLongerThanTheLimit_IsRefusedWhereverItEnds()
    {
        var bytes = "ab\nabcdefgh\nc\n"u8.ToArray();
        foreach (var cut in new[] { 1, 4, 6, 11, 13 })
        {
            var error = Assert.Throws<InputFormatException>(() => ReadAll(Segments(bytes, [(byte)cut]), new VcfReaderState(maxLineLength: 5)));
            Assert.Contains("a line of at most 5 bytes", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["ab", "abcde", "c"], ReadAll(Segments("ab\nabcde\nc"u8.ToArray(), [4]), new VcfReaderState(maxLineLength: 5)).Lines);
    }

    // Lines of a few characters to a few hundred, some ending in CRLF, some empty, the last with or without a newline.
    private static string Text(byte[] shape)
    {
        var builder = new StringBuilder();
        foreach (var b in shape)
        {
            builder.Append('x', b % 7 == 0 ? 0 : b * 3 % 250).Append(b % 5 == 0 ? "\r\n" : "\n");
        }

        if (shape.Length > 0 && shape[0] % 2 == 0)
        {
            builder.Append("last");
        }

        return builder.ToString();
    }

    private static ReadOnlySequence<byte> Segments(byte[] bytes, byte[] cuts)
    {
        var points = cuts.Select(c => bytes.Length == 0 ? 0 : c % (bytes.Length + 1)).Append(0).Append(bytes.Length).Distinct().Order().ToList();
        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var memory = bytes.AsMemory(points[i], points[i + 1] - points[i]);
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private static (List<string> Lines, List<long> Offsets) ReadAll(ReadOnlySequence<byte> data, VcfReaderState state)
    {
        var reader = new Utf8VcfReader(data, isFinalBlock: true, state, "test.vcf");
        var lines = new List<string>();
        var offsets = new List<long>();
        while (reader.Read())
        {
            lines.Add(Encoding.ASCII.GetString(reader.ValueSpan));
            offsets.Add(reader.LineOffset);
        }

        return (lines, offsets);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
