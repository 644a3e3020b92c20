using System.Text.RegularExpressions;

namespace Harmony.Genomics.Lake;

/// <summary>Recognises text that can identify a person or a site: paths, URLs, <c>user@host</c>, host names.</summary>
internal static partial class SensitiveText
{
    /// <summary>Whether a single token (no whitespace) looks like a path, URL, address or host name.</summary>
    internal static bool IsSensitiveToken(string token)
    {
        var t = token.Trim('"', '\'', '(', ')', '[', ']', '{', '}', ',', ';', ':', '.');
        if (t.Length == 0)
        {
            return false;
        }

        return token.TrimStart('"', '\'', '(', '[').StartsWith('/')
            || t.StartsWith("~/", StringComparison.Ordinal)
            || t.StartsWith(@"\\", StringComparison.Ordinal)
            || WindowsDrivePath().IsMatch(t)
            || t.Contains("://", StringComparison.Ordinal)
            || t.Contains('@', StringComparison.Ordinal)
            || HostName().IsMatch(t)
            || IsRelativePath(token.Trim('"', '\'', '(', ')', '[', ']', '{', '}', ',', ';'));
    }

    // data/PATIENT_1/aln, ./x, ../runs/x, aln/PATIENT_1.bam: folders name people as often as files do. One '/' between
    // words (REF/ALT, and/or, 0/1) is not taken for a path unless a file name follows it.
    private static bool IsRelativePath(string token) =>
        token.StartsWith("./", StringComparison.Ordinal)
        || token.StartsWith("../", StringComparison.Ordinal)
        || token.AsSpan().Count('/') >= 2
        || (token.Contains('/', StringComparison.Ordinal) && FileExtension().IsMatch(token));

    /// <summary>Whether any whitespace-separated token of <paramref name="text"/> is sensitive.</summary>
    internal static bool ContainsSensitive(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(IsSensitiveToken);

    /// <summary>Replaces sensitive tokens in free text (descriptions) with <c>[redacted]</c>, keeping the rest readable.</summary>
    internal static string Redact(string text)
    {
        if (!ContainsSensitive(text))
        {
            return text;
        }

        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(t => IsSensitiveToken(t) ? "[redacted]" : t));
    }

    /// <summary>
    /// Reduces a path or URL to its file name (<c>file:///home/jdoe/ref/GRCh38.fa</c> -> <c>GRCh38.fa</c>); <c>null</c> when
    /// nothing safe is left (a bare host, an address).
    /// </summary>
    internal static string? BaseName(string value)
    {
        var v = value.Trim().Trim('"');
        var scheme = v.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            // Drop the scheme and the authority (user@host:port): only the path can hold a file name.
            var rest = v[(scheme + 3)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return null;
            }

            v = rest[slash..];
        }

        var cut = v.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            v = v[..cut];
        }

        var name = v[(v.LastIndexOfAny(['/', '\\']) + 1)..];
        if (name.Length > 1 && name[1] == ':')
        {
            name = name[2..];
        }

        return name.Length == 0 || IsSensitiveToken(name) && !LooksLikeFileName(name) ? null : name;
    }

    private static bool LooksLikeFileName(string name) =>
        !name.Contains('@', StringComparison.Ordinal) && FileExtension().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex WindowsDrivePath();

    // Two or more dot-separated labels ending in an alphabetic top-level label (example.org, node7.hpc.local); versions such as 4.2.0 do not match.
    [GeneratedRegex(@"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.(org|com|net|edu|gov|local|internal|lan|corp|io|[a-z]{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HostName();

    [GeneratedRegex(@"\.(fa|fasta|fna|gz|bgz|fai|dict|2bit|vcf|bcf|txt|bam|cram|sam|bai|crai|bed|tsv|csv)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileExtension();
}
