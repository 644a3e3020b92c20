namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>Sex as recorded in the sample sheet (decides chrY segments).</summary>
internal enum PatientSex
{
    /// <summary>Female (XX).</summary>
    Female,

    /// <summary>Male (XY).</summary>
    Male,
}
