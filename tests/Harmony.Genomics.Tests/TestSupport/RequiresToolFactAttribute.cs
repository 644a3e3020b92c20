namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// A <see cref="FactAttribute"/> that is skipped, with the reason "TOOL is not installed", when any of the named
/// command-line tools is not an executable file in a directory on PATH (or, for a name holding '/', at that path).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless every one of <paramref name="tools"/> is installed.</summary>
    public RequiresToolFactAttribute(params string[] tools)
    {
        Tools = tools ?? [];
        var reason = MissingToolsReason(Tools);
        if (reason is not null)
        {
            Skip = reason;
        }
    }

    /// <summary>The tools the test needs.</summary>
    public IReadOnlyList<string> Tools { get; }

    /// <summary>"X is not installed" / "X and Y are not installed" for the tools that are missing, or null if none is.</summary>
    public static string? MissingToolsReason(IEnumerable<string> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var missing = tools.Where(t => !IsInstalled(t)).ToList();
        return missing.Count switch
        {
            0 => null,
            1 => $"{missing[0]} is not installed",
            _ => $"{string.Join(", ", missing.Take(missing.Count - 1))} and {missing[^1]} are not installed",
        };
    }

    /// <summary>Whether <paramref name="tool"/> is an executable file on PATH (or at that path, if it holds '/').</summary>
    public static bool IsInstalled(string tool)
    {
        ArgumentException.ThrowIfNullOrEmpty(tool);
        if (tool.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutableFile(tool);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsExecutableFile(Path.Combine(dir, tool)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExecutableFile(string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(file) & anyExecute) != 0;
    }
}
