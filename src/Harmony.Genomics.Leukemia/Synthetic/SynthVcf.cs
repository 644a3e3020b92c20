using System.Globalization;
using System.Text;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>Shared pieces of the generated VCFs: the header's reference and contig lines, and text writers.</summary>
internal static class SynthVcf
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A buffered UTF-8 writer with LF line ends, whatever the platform (byte-identical output).</summary>
    /// <remarks>
    /// Per-patient files are a few kB: a small buffer keeps each writer off the large-object heap (a 64 k-char buffer
    /// cost ~1.6 MB of LOH allocations and hundreds of gen-2 collections per 1,000 patients).
    /// </remarks>
    public static StreamWriter Create(string path, int bufferSize = 4096) => new(path, false, Utf8, bufferSize) { NewLine = "\n" };

    /// <summary>##reference and one ##contig line per primary chromosome, with lengths, so assembly detection works.</summary>
    public static void WriteReferenceAndContigs(TextWriter w, GenomeLayout layout)
    {
        w.WriteLine(layout.Assembly == GenomeAssembly.GRCh38 ? "##reference=GRCh38" : "##reference=GRCh37");
        for (var i = 0; i < layout.Canonical.Count; i++)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"##contig=<ID={layout.FileName(layout.Canonical[i])},length={layout.Lengths[i]},assembly={(layout.Assembly == GenomeAssembly.GRCh38 ? "GRCh38" : "GRCh37")}>"));
        }
    }

    public static string F(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
