using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Engine;

/// <summary>A small-variant file of the sample sheet with its patient and specimen as stored in the lake.</summary>
/// <param name="Row">The sheet row.</param>
/// <param name="Patient">Stored patient id (pseudonym unless raw ids are kept).</param>
/// <param name="Specimen">Stored specimen id.</param>
internal sealed record SpecimenSource(SampleSheetRow Row, string Patient, string Specimen);
