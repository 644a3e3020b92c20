using System.CommandLine;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Engine.Qc;

namespace Harmony.Genomics.Cli;

/// <summary><c>harmony qc</c> and <c>harmony fingerprint</c>.</summary>
internal static class QcCommands
{
    public static void AddTo(RootCommand root, TextWriter stdout, TextWriter stderr)
    {
        root.Subcommands.Add(Build("qc", "Cohort statistics: write variant_stats and sample_qc from the lake's calls.", stdout, stderr, fingerprint: false));
        root.Subcommands.Add(KernelBenchCommand.Build(stdout));
        root.Subcommands.Add(Build("fingerprint", "Sample fingerprints: write duplicate and first-degree pairs to sample_pairs.", stdout, stderr, fingerprint: true));
    }

    private static Command Build(string name, string description, TextWriter stdout, TextWriter stderr, bool fingerprint)
    {
        var lake = new Argument<string>("lake") { Description = "The lake directory." };
        var cohort = new Option<string>("--cohort") { Description = "The cohort partition.", DefaultValueFactory = _ => "default" };
        var device = new Option<string>("--device") { Description = "auto (CUDA when a CUDA device exists, else CPU SIMD), cpu or cuda.", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => Core.ProcessorBudget.DefaultThreads() };
        var maxSnps = new Option<int>("--max-snps") { Description = "Largest fingerprint panel (common biallelic SNVs, evenly spaced over the sites).", DefaultValueFactory = _ => 10_000 };
        var lockWait = LockWaitOption.Create($"Seconds to wait for the lake, once the {(fingerprint ? "pairs are" : "statistics are")} computed, while another run writes to it.");
        var command = new Command(name, description) { lake, cohort, device, threads, lockWait };
        if (fingerprint)
        {
            command.Options.Add(maxSnps);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var choice = DeviceSelector.Parse(parse.GetValue(device)!);
            var wait = LockWaitOption.Read(parse, lockWait, name);
            Action<string> warning = message => stderr.WriteLine($"harmony: warning: {message}");
            var summary = fingerprint
                ? QcJob.RunFingerprint(parse.GetValue(lake)!, parse.GetValue(cohort)!, choice, Commands.Threads(parse.GetValue(threads)), MaxSnps(parse.GetValue(maxSnps)), wait, warning, cancellationToken)
                : QcJob.RunStats(parse.GetValue(lake)!, parse.GetValue(cohort)!, choice, Commands.Threads(parse.GetValue(threads)), wait, warning, cancellationToken);
            stdout.WriteLine(summary);
            return Task.FromResult(0);
        });
        return command;
    }

    private static int MaxSnps(int value) =>
        value >= 1 ? value : throw new Core.HarmonyException($"--max-snps: expected a positive number of SNPs, not {value}");
}
