namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>One pair judged duplicate or first-degree (<paramref name="SampleA"/> &lt; <paramref name="SampleB"/>, indexes).</summary>
internal sealed record RelatedPair(int SampleA, int SampleB, PairCounts Counts, Relationship Relationship);
