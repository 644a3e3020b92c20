namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// Tests that measure something process-wide (the live heap) run alone: xunit runs other test classes in parallel,
/// and their allocations would be counted against the code under test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeasurementCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process-wide measurements";
}
