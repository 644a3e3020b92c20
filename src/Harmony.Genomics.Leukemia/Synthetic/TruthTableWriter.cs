namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// <c>truth.tsv</c>: one row per planted abnormality with its canonical name (issues 4 and 6), category, expected
/// classification, where it is planted, the frequency it was drawn with and whether that number is verified.
/// Comment lines at the top name the generator version, seed and the placeholder ([U]) parameters.
/// </summary>
internal static class TruthTableWriter
{
    public const string Header = "patient\tspecimen\tabnormality\tcategory\texpected_classification\tevidence\tbasis";

    public static void WriteHeader(TextWriter w, SynthOptions options, string version)
    {
        w.WriteLine($"# harmony synth {version}; {KnowledgeBase.CurrentVersion}; assembly {options.Assembly}; seed {options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}; synthetic data, no real patient");
        w.WriteLine("# basis: [V] = frequency verified in shared/kb/ALL-knowledge.md (section given); [U] = unverified placeholder parameter, named; [D] = derived coordinate");
        w.WriteLine("# unverified parameters: " + string.Join(", ", CohortParameters.UnverifiedNames));
        w.WriteLine(Header);
    }

    public static string Row(TruthRow row) => string.Join('\t', row.Patient, row.Specimen, row.Abnormality, row.Category, row.ExpectedClassification, row.Evidence, row.Basis);
}
