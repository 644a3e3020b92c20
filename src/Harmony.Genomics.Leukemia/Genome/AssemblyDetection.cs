namespace Harmony.Genomics.Leukemia;

/// <summary>The outcome of <see cref="AssemblyDetector.Detect"/>.</summary>
/// <param name="Assembly">The assembly, or null when the header does not decide it.</param>
/// <param name="Evidence">Why: the header lines that decided it, a conflict, or the override.</param>
public sealed record AssemblyDetection(GenomeAssembly? Assembly, string Evidence);
