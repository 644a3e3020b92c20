namespace Harmony.Genomics.Leukemia;

/// <summary>What a specimen is, as the sample sheet says.</summary>
public enum SpecimenType
{
    /// <summary>Leukaemic (diagnosis, relapse) material.</summary>
    Tumour,

    /// <summary>A matched normal (remission, buccal, skin) used as germline reference.</summary>
    Normal,

    /// <summary>A constitutional (germline) sample.</summary>
    Germline,
}
