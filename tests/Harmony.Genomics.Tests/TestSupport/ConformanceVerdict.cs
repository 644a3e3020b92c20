namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Whether the engine's lake agrees with bcftools on one file, and in what way.</summary>
/// <param name="Agrees">True when the file passes.</param>
/// <param name="Detail">How it agrees ("records and calls agree", "rejected by both", …) or, when not, what differs.</param>
public sealed record ConformanceVerdict(bool Agrees, string Detail);
