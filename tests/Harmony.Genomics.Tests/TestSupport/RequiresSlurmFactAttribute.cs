namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// A <see cref="FactAttribute"/> for the cluster tests: skipped unless Slurm and munge are installed (Debian: slurm-wlm,
/// munge; <c>tests/run.sh</c> installs them when it runs as root) and the tests run as root, which the one-node
/// cluster of <c>tests/cluster/slurm-local.sh</c> needs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSlurmFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless the tools are installed and the process runs as root.</summary>
    public RequiresSlurmFactAttribute()
    {
        Skip = RequiresToolFactAttribute.MissingToolsReason(["sbatch", "sinfo", "scontrol", "slurmctld", "slurmd", "munged", "mungekey"])
            ?? (Environment.UserName == "root" ? null : "the one-node Slurm cluster needs root");
    }
}
