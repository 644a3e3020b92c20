namespace Harmony.Genomics.Lake;

/// <summary>Validation of table, column and file names that become directory entries in the lake.</summary>
internal static class LakeNames
{
    /// <summary>Letters, digits and '_', starting with a letter: safe as a directory name and as an unquoted SQL identifier.</summary>
    internal static bool IsValidIdentifier(string name) =>
        !string.IsNullOrEmpty(name)
        && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// A plain file name: no separators, and not starting with '.' or '_' (Spark and Hive skip such files as hidden).
    /// </summary>
    internal static bool IsValidFileName(string name) =>
        !string.IsNullOrEmpty(name)
        && name[0] is not ('.' or '_')
        && name.IndexOfAny(['/', '\\', '\0']) < 0;
}
