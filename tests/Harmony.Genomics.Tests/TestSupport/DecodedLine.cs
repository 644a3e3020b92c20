using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Decodes one data line with a given decoder and keeps the error message, so two decoding paths can be compared.</summary>
internal static class DecodedLine
{
    /// <summary>The decoded record, with <paramref name="error"/> null, or the partly filled record and the error's message.</summary>
    public static VcfRecord Decode(VcfRecordDecoder decoder, byte[] line, out string? error)
    {
        var record = new VcfRecord();
        try
        {
            decoder.Decode(record, line, 7, 100);
            error = null;
        }
        catch (InputFormatException e)
        {
            error = e.Message;
        }

        return record;
    }
}
