namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>
/// Collects VCF data lines into a <see cref="GenotypeLines"/> batch: copies each line into one buffer, finds where
/// its FORMAT column and sample columns start and where GT, AD and DP sit among the FORMAT keys. The fixed columns
/// are not validated here (the caller's line decoder does that); a line without a FORMAT column is a caller error.
/// </summary>
internal sealed class GenotypeLinesBuilder(int samples)
{
    private readonly List<(int Start, int End, int SamplesStart, int Keys, int Gt, int Ad, int Dp)> _records = [];
    private byte[] _text = new byte[1 << 16];
    private int _length;

    public int Count => _records.Count;

    /// <summary>Adds one line (without its newline); FORMAT keys other than GT, AD and DP are skipped by the decoder.</summary>
    public void Add(ReadOnlySpan<byte> line)
    {
        var format = 0;
        for (var column = 0; column < 8; column++)
        {
            var tab = line[format..].IndexOf((byte)'\t');
            if (tab < 0)
            {
                throw new ArgumentException($"line {_records.Count + 1}: expected a FORMAT column (9 or more tab-separated columns)");
            }

            format += tab + 1;
        }

        var formatEnd = line[format..].IndexOf((byte)'\t');
        var samplesStart = formatEnd < 0 ? line.Length : format + formatEnd + 1;
        var keys = line[format..(formatEnd < 0 ? line.Length : format + formatEnd)];
        int gt = -1, ad = -1, dp = -1, count = 0;
        foreach (var key in keys.Split((byte)':'))
        {
            var name = keys[key];
            if (name.SequenceEqual("GT"u8))
            {
                gt = count;
            }
            else if (name.SequenceEqual("AD"u8))
            {
                ad = count;
            }
            else if (name.SequenceEqual("DP"u8))
            {
                dp = count;
            }

            count++;
        }

        if (_length + line.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(checked(_length + line.Length), _text.Length * 2));
        }

        line.CopyTo(_text.AsSpan(_length));
        _records.Add((_length, _length + line.Length, _length + samplesStart, count, gt, ad, dp));
        _length += line.Length;
    }

    /// <summary>The batch so far (the builder may be reused after <see cref="Clear"/>).</summary>
    public GenotypeLines Build()
    {
        var lines = new GenotypeLines(_text.AsSpan(0, _length).ToArray(), _records.Count, samples);
        for (var r = 0; r < _records.Count; r++)
        {
            var x = _records[r];
            lines.SetRecord(r, x.Start, x.End, x.SamplesStart, x.Keys, x.Gt, x.Ad, x.Dp);
        }

        return lines;
    }

    public void Clear()
    {
        _records.Clear();
        _length = 0;
    }
}
