namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>A fact that is skipped, visibly, when an external tool (an oracle such as bgzip) is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        Tool = tool;
        if (FindOnPath(tool) is null)
        {
            Skip = $"{tool} not installed";
        }
    }

    public string Tool { get; }

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
