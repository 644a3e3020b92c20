using System.Text;

namespace Harmony.Genomics.Lake;

/// <summary>Hive-style partition directory names (<c>key=value</c>) that Spark, Trino and DuckDB all decode the same way.</summary>
internal static class HivePartition
{
    /// <summary>Hive's name for a null or empty partition value.</summary>
    internal const string DefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>Builds one <c>key=value</c> path segment, escaping the value.</summary>
    internal static string Segment(string key, string value)
    {
        if (!LakeNames.IsValidIdentifier(key))
        {
            throw new Core.HarmonyException($"Invalid partition column name '{key}': use letters, digits and '_', starting with a letter.");
        }

        var segment = key + "=" + Escape(value);

        // File systems limit one name in a path to 255 bytes (NAME_MAX); escaping can triple a value's length.
        var bytes = Encoding.UTF8.GetByteCount(segment);
        if (bytes > MaxSegmentBytes)
        {
            throw new Core.HarmonyException($"The {key} name is too long for a lake directory: '{key}=…' would be {bytes} bytes once escaped, and file systems allow {MaxSegmentBytes}; use a shorter {key} name (value starts '{(value.Length > 40 ? value[..40] + "…" : value)}').");
        }

        return segment;
    }

    /// <summary>The longest name of one directory that file systems accept (Linux NAME_MAX).</summary>
    internal const int MaxSegmentBytes = 255;

    /// <summary>
    /// Percent-encodes every ASCII character outside <c>[A-Za-z0-9._-]</c> (upper-case hex, as Hive writes <c>%2F</c>),
    /// so that '/', '=', '%', spaces and control characters can never change the directory structure. Other characters
    /// stay as they are (UTF-8 in the name), as Spark writes them: Spark and Hive decode each <c>%XX</c> as one
    /// character, so an encoded <c>ü</c> (<c>%C3%BC</c>) would read back there as <c>Ã¼</c>.
    /// </summary>
    internal static string Escape(string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DefaultPartition;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' || c > '\u007f')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // "." and ".." are path components on their own; encode them so a value can never climb the tree.
        var escaped = builder.ToString();
        return escaped switch
        {
            "." => "%2E",
            ".." => "%2E%2E",
            _ => escaped,
        };
    }
}
