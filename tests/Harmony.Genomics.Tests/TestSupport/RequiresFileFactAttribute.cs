namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>A fact that is skipped, visibly, when a reference file from the system (e.g. htslib's test data) is absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresFileFactAttribute : FactAttribute
{
    public RequiresFileFactAttribute(string path)
    {
        FilePath = path;
        if (!File.Exists(path))
        {
            Skip = $"{path} not present";
        }
    }

    public string FilePath { get; }
}
