namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// A <see cref="TheoryAttribute"/> that is skipped, with the reason "TOOL is not installed", when any of the named
/// command-line tools is not on PATH (see <see cref="RequiresToolFactAttribute.IsInstalled"/>), or when
/// <see cref="RequiredDirectory"/> is set and that directory does not exist. A skipped theory does not enumerate its data.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    private string? _requiredDirectory;

    /// <summary>Skips the theory unless every one of <paramref name="tools"/> is installed.</summary>
    public RequiresToolTheoryAttribute(params string[] tools)
    {
        Tools = tools ?? [];
        var reason = RequiresToolFactAttribute.MissingToolsReason(Tools);
        if (reason is not null)
        {
            Skip = reason;
        }
    }

    /// <summary>The tools the theory needs.</summary>
    public IReadOnlyList<string> Tools { get; }

    /// <summary>A directory the theory also needs (its data comes from there); the theory is skipped if it is absent.</summary>
    public string? RequiredDirectory
    {
        get => _requiredDirectory;
        set
        {
            _requiredDirectory = value;
            if (Skip is null && value is not null && !Directory.Exists(value))
            {
                Skip = $"{value} does not exist";
            }
        }
    }
}
