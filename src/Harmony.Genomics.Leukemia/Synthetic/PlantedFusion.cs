namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// A gene fusion planted as a genomic rearrangement: the 5' gene kept up to <see cref="Breakpoint5"/> (inside the intron
/// after exon <see cref="LastExon5"/>) and joined to the 3' gene from <see cref="Breakpoint3"/> (inside the intron before
/// exon <see cref="FirstExon3"/>). Exon numbers follow the knowledge base's pinned transcripts.
/// </summary>
internal sealed record PlantedFusion(
    string Gene5,
    string Contig5,
    long Breakpoint5,
    char Strand5,
    int LastExon5,
    long ExonBoundary5,
    string Gene3,
    string Contig3,
    long Breakpoint3,
    char Strand3,
    int FirstExon3,
    long ExonBoundary3,
    string Classification)
{
    /// <summary>5'::3' as HGVS/WHO write fusions.</summary>
    public string Name => $"{Gene5}::{Gene3}";

    /// <summary>
    /// Which side of the 5' breakpoint stays in the fusion: a plus-strand gene keeps what lies left (lower positions),
    /// a minus-strand gene what lies right, since the 5' part precedes the breakpoint in transcription.
    /// </summary>
    public bool KeepsLeft5 => Strand5 == '+';

    /// <summary>The 3' gene keeps what follows in transcription: right of the breakpoint on plus, left on minus.</summary>
    public bool KeepsLeft3 => Strand3 == '-';
}
