using System.CommandLine;
using System.Globalization;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Synthetic;

namespace Harmony.Genomics.Cli;

/// <summary><c>harmony synth</c>: write a synthetic, labelled ALL cohort (files, sample sheet, truth table).</summary>
internal static class SynthCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var patients = new Option<long>("--patients") { Description = "Number of patients.", Required = true };
        var assembly = new Option<GenomeAssembly>("--assembly") { Description = "GRCh38 or GRCh37: the assembly of every coordinate.", DefaultValueFactory = _ => GenomeAssembly.GRCh38 };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed and version give byte-identical output.", DefaultValueFactory = _ => 1UL };
        var output = new Option<string>("--out") { Description = "Output folder (samplesheet.csv, truth.tsv, one folder per patient).", Required = true };
        var fusions = new Option<bool>("--fusions") { Description = "Also write an Arriba-like fusions.tsv per patient (--fusions false to skip).", DefaultValueFactory = _ => true };
        var threads = new Option<int>("--threads") { Description = "Patients written in parallel (default: the CPUs this process may use).", DefaultValueFactory = _ => Core.ProcessorBudget.DefaultThreads() };
        var command = new Command("synth", "Write a synthetic ALL cohort with planted abnormalities: per-patient VCFs, SV, SEG and fusion files, samplesheet.csv for 'ingest --samplesheet', and truth.tsv.")
        {
            patients, assembly, seed, output, fusions, threads,
        };
        command.SetAction(parse =>
        {
            var total = parse.GetValue(patients);
            var lastReport = DateTime.UtcNow;
            var result = SyntheticCohort.Write(new SynthOptions
            {
                Patients = total,
                Assembly = parse.GetValue(assembly),
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!,
                Fusions = parse.GetValue(fusions),
                Threads = Commands.Threads(parse.GetValue(threads)),
                Progress = done =>
                {
                    // A log line every 5 s, as ingest does on a cluster log.
                    if ((DateTime.UtcNow - lastReport).TotalSeconds >= 5)
                    {
                        lastReport = DateTime.UtcNow;
                        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"harmony: synth: {done}/{total} patients"));
                    }
                },
            });
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synth: {result.Patients} patients, {result.Files} files, {result.TruthRows} truth rows in {result.Elapsed.TotalSeconds:F1} s ({result.PatientsPerSecond:F0} patients/s)"));
            stdout.WriteLine($"sample sheet: {result.SampleSheet}");
            stdout.WriteLine($"truth table:  {result.Truth}");
            return 0;
        });
        return command;
    }
}
