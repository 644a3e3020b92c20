using System.CommandLine;
using System.Reflection;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Cli;

/// <summary>The command tree. Each action only translates options into an engine call and prints the outcome.</summary>
internal static class Commands
{
    public static string Version { get; } =
        typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private const string ThreadsDescription = "Workers for BGZF inflation; from 2, records are also decoded and turned into columns on two worker threads (ingest reads input files under 1 MiB on one thread) (default: the CPUs this process may use, honouring SLURM_CPUS_PER_TASK).";

    public static RootCommand Build(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Harmony.Genomics: stream VCF calls from ALL cohorts into a pseudonymised Parquet lake.");
        root.Subcommands.Add(Ingest(args, stdout, stderr));
        root.Subcommands.Add(Convert(args, stdout, stderr));
        root.Subcommands.Add(Query(stdout));
        root.Subcommands.Add(Demo(stdout, stderr));
        root.Subcommands.Add(SynthCommand.Create(stdout, stderr));
        QcCommands.AddTo(root, stdout, stderr);
        ExplainCommand.AddTo(root, stdout);
        root.Subcommands.Add(Classify(stdout, stderr));
        return root;
    }

    private static Command Ingest(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "VCF or BCF files (.vcf, .vcf.gz as BGZF or gzip, .bcf); '-' reads standard input.", Arity = ArgumentArity.ZeroOrMore };
        var sheet = new Option<string?>("--samplesheet") { Description = "A CSV/TSV sample sheet (patient, specimen, specimen_type, file, kind): ingest its small-variant files (variants gain per-ALT gene, consequence, HGVS and hotspot columns) and write the ALL tables ('abnormalities', 'specimens', 'clinical', 'classifications' ...)." };
        var clinical = new Option<string?>("--clinical") { Description = "With --samplesheet: a clinical CSV/TSV keyed by 'patient' (age_at_diagnosis, sex, lineage, wbc, mrd_<time point>, mrd_lod); only these allow-listed columns are stored, in the 'clinical' table." };
        var assembly = new Option<Leukemia.GenomeAssembly?>("--assembly") { Description = "With --samplesheet: force GRCh37 or GRCh38 instead of detecting it from each header." };
        var ploidy = new Option<string>("--ploidy-definition") { Description = "With --samplesheet: the modal-number ranges of the ploidy classes: default (Safavi & Paulsson 2017, MD-ALL 47-50, Paulsson & Johansson 2009 51-67), harrison2004, holmfeldt2013 or md-all.", DefaultValueFactory = _ => "default" };
        var lake = new Option<string>("--lake") { Description = "The lake directory (created when missing).", Required = true };
        var cohort = new Option<string>("--cohort") { Description = "Cohort name: the Hive partition of every row.", DefaultValueFactory = _ => "default" };
        var threads = new Option<int>("--threads") { Description = ThreadsDescription, DefaultValueFactory = _ => Core.ProcessorBudget.DefaultThreads() };
        var keep = new Option<bool>("--keep-sample-ids") { Description = "Store raw sample and file names instead of keyed pseudonyms." };
        var keyFile = new Option<string?>("--key-file") { Description = "Secret key for HMAC-SHA256 pseudonyms (else the HARMONY_PSEUDONYM_KEY variable)." };
        var lenient = new Option<bool>("--lenient") { Description = "Keep going past malformed records, writing each with its reason to the 'rejected' table." };
        var strict = new Option<bool>("--strict") { Description = "INFO/FORMAT keys undefined in the header are errors (default: a warning, and each typed where first met: String, or Flag for an INFO key without a value)." };
        var allCalls = new Option<bool>("--all-calls") { Description = "Write homozygous-reference calls too." };
        var stats = new Option<bool>("--stats") { Description = "Also write variant_stats and sample_qc for the ingested files in the same commit (the rows 'harmony qc' computes for them)." };
        var device = new Option<string?>("--device") { Description = "With --stats and/or --samplesheet (cohort statistics; allele-depth kernel): auto (CUDA when a CUDA device exists, else CPU SIMD), cpu or cuda." };
        var lockWait = LockWaitOption.Create("Seconds to wait for the lake while other runs write to it (plain ingests, e.g. a Slurm array, run at once and take turns only to publish; a sample-sheet or --stats ingest waits, then holds the lake for its whole run).");
        var fusionReads = new Option<string>("--fusion-reads") { Description = "With --samplesheet: EACH,TOTAL read support an RNA fusion call needs: split reads and spanning pairs each at least EACH, or together at least TOTAL (2,5 is MD-ALL's rule; default 0,0 keeps every call). Calls with less are named in a warning.", DefaultValueFactory = _ => "0,0" };
        var command = new Command("ingest", "Ingest VCF files into the lake in one atomic commit.") { inputs, lake, cohort, threads, keep, keyFile, lenient, strict, allCalls, sheet, clinical, assembly, ploidy, fusionReads, stats, device, lockWait };
        var selection = new SelectionOptions();
        selection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var deviceText = parse.GetValue(device);
            if (deviceText is not null && !parse.GetValue(stats) && parse.GetValue(sheet) is null)
            {
                throw new Core.HarmonyException("ingest: --device only applies with --stats or --samplesheet");
            }

            using var progress = ProgressReporter.Create(stderr);
            var options = new IngestOptions
            {
                LakePath = parse.GetValue(lake)!,
                Cohort = parse.GetValue(cohort)!,
                Threads = Threads(parse.GetValue(threads)),
                KeepSampleIds = parse.GetValue(keep),
                KeyFile = parse.GetValue(keyFile),
                Lenient = parse.GetValue(lenient),
                Strict = parse.GetValue(strict),
                AllCalls = parse.GetValue(allCalls),
                Stats = parse.GetValue(stats),
                LockWait = LockWaitOption.Read(parse, lockWait, "ingest"),
                StatsDevice = Compute.Devices.DeviceSelector.Parse(deviceText ?? "auto"),
                AlleleDepthDevice = deviceText is null ? Compute.Devices.DeviceChoice.Cpu : Compute.Devices.DeviceSelector.Parse(deviceText),
                Selection = selection.Read(parse),
                CommandLine = ["harmony", .. args],
                Warning = message => stderr.WriteLine($"harmony: warning: {message}"),
                Progress = progress,
                PloidyDefinition = Leukemia.PloidyDefinition.Parse(parse.GetValue(ploidy)!),
                FusionReads = FusionReads(parse.GetValue(fusionReads)!),
            };
            var files = parse.GetValue(inputs) ?? [];
            foreach (var file in files)
            {
                // The inputs argument takes any word, so a mistyped option would be read as a file name.
                if (file.Length > 1 && file[0] == '-' && !File.Exists(file))
                {
                    throw new Core.HarmonyException($"ingest: unknown option '{file}' (see harmony ingest --help)");
                }
            }

            var sheetPath = parse.GetValue(sheet);
            if ((sheetPath is null) == (files.Length == 0))
            {
                throw new Core.HarmonyException("ingest: give either VCF files or --samplesheet (one of them, not both)");
            }

            if (sheetPath is null && parse.GetResult(ploidy) is { Implicit: false })
            {
                throw new Core.HarmonyException("ingest: --ploidy-definition only applies with --samplesheet (ploidy is called from copy-number files)");
            }

            if (sheetPath is null && parse.GetResult(fusionReads) is { Implicit: false })
            {
                throw new Core.HarmonyException("ingest: --fusion-reads only applies with --samplesheet (fusion tables are read through it)");
            }

            var clinicalPath = parse.GetValue(clinical);
            if (clinicalPath is not null && sheetPath is null)
            {
                throw new Core.HarmonyException("ingest: --clinical needs --samplesheet (clinical values are keyed by the sheet's patients)");
            }

            if (sheetPath is not null)
            {
                var sheetResult = SampleSheetIngestJob.Run(sheetPath, options, parse.GetValue(assembly), cancellationToken, clinicalPath);
                progress?.Finish();
                Summary.Print(sheetResult.Ingest, stdout, options.KeepSampleIds);
                if (sheetResult.StructuralFiles is (> 0, _) or (_, > 0))
                {
                    stdout.WriteLine($"structural, copy-number and fusion files: {sheetResult.StructuralFiles.Committed} committed, {sheetResult.StructuralFiles.Skipped} already in the lake");
                }

                PrintStats(sheetResult.Ingest, stdout);
                stdout.WriteLine($"abnormalities: {sheetResult.Abnormalities} ({Leukemia.KnowledgeBase.CurrentVersion})");
                var notStored = sheetResult.ClinicalColumnsNotStored.Count == 0 ? string.Empty : $"; columns not stored: {string.Join(", ", sheetResult.ClinicalColumnsNotStored)}";
                stdout.WriteLine($"clinical: {sheetResult.ClinicalRows} rows{notStored}");
                return Task.FromResult(0);
            }

            var result = IngestJob.Run(files, options, cancellationToken);
            progress?.Finish();
            Summary.Print(result, stdout, options.KeepSampleIds);
            PrintStats(result, stdout);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void PrintStats(IngestResult result, TextWriter stdout)
    {
        if (result.Stats is not null)
        {
            stdout.WriteLine(result.Stats);
        }
    }

    private static Command Classify(TextWriter stdout, TextWriter stderr)
    {
        var lake = new Argument<string>("lake") { Description = "The lake directory." };
        var cohort = new Option<string?>("--cohort") { Description = "Only this cohort (default: every cohort with sample-sheet data)." };
        var homozygous = new Option<bool>("--ikzf1plus-homozygous-cdkn2ab") { Description = "IKZF1plus counts CDKN2A/B only when homozygously deleted (unverified reading; said in rule_version)." };
        var heh = new Option<bool>("--heh-unverified-rule") { Description = "HeH-risk applies the unverified good/poor trisomy combination (said in rule_version and evidence)." };
        var lockWait = LockWaitOption.Create("Seconds to wait for the lake while another run writes to it; classify then holds it until it commits.");
        var command = new Command("classify", "Recompute the 'classifications' table from the lake's findings and clinical values, without reading input files (e.g. after a rule or knowledge-base update).") { lake, cohort, homozygous, heh, lockWait };
        command.SetAction(parse =>
        {
            var result = ClassifyJob.Run(parse.GetValue(lake)!, new ClassifyOptions
            {
                Cohort = parse.GetValue(cohort),
                Ikzf1PlusRequiresHomozygousCdkn2ab = parse.GetValue(homozygous),
                ApplyUnverifiedHeHRule = parse.GetValue(heh),
                LockWait = LockWaitOption.Read(parse, lockWait, "classify"),
                Warning = message => stderr.WriteLine($"harmony: warning: {message}"),
            });
            stdout.WriteLine($"classifications: {result.Rows} rows for {result.Patients} patients (cohorts: {string.Join(", ", result.Cohorts)}; classification_run {result.Run}; {Leukemia.KnowledgeBase.CurrentVersion})");
            return 0;
        });
        return command;
    }

    /// <summary>A --threads value: 0 or less is a slip (a Slurm variable left empty, say), not a request for one.</summary>
    internal static int Threads(int value) =>
        value >= 1 ? value : throw new Core.HarmonyException($"--threads: expected a positive number of threads, not {value}");

    // --fusion-reads EACH,TOTAL: two non-negative integers.
    internal static (int Each, int Total) FusionReads(string text)
    {
        var parts = text.Split(',');
        return parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var each)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total)
            ? (each, total)
            : throw new Core.HarmonyException($"--fusion-reads: expected EACH,TOTAL (two non-negative integers, e.g. 2,5), not '{text}'");
    }

    private static Command Convert(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("input") { Description = "A VCF or BCF file (.vcf, .vcf.gz, .bcf); '-' reads standard input." };
        var output = new Option<string>("--output", "-o") { Description = "The output file: .parquet, or .arrow for Arrow IPC.", Required = true };
        var threads = new Option<int>("--threads") { Description = ThreadsDescription, DefaultValueFactory = _ => Core.ProcessorBudget.DefaultThreads() };
        var keep = new Option<bool>("--keep-sample-ids") { Description = "Store raw sample names instead of keyed pseudonyms." };
        var keyFile = new Option<string?>("--key-file") { Description = "Secret key for HMAC-SHA256 pseudonyms (else the HARMONY_PSEUDONYM_KEY variable)." };
        var strict = new Option<bool>("--strict") { Description = "INFO/FORMAT keys undefined in the header are errors." };
        var allCalls = new Option<bool>("--all-calls") { Description = "Keep homozygous-reference calls too." };
        var format = new Option<Lake.Tables.SingleFileFormat?>("--format") { Description = "Parquet or ArrowIpc, when the output's extension does not say (.parquet; .arrow, .feather, .ipc)." };
        var command = new Command("convert", "Write one VCF's records, with their calls nested, to a single Parquet or Arrow IPC file.") { input, output, threads, keep, keyFile, strict, allCalls, format };
        var selection = new SelectionOptions();
        selection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var result = ConvertJob.Run(parse.GetValue(input)!, new ConvertOptions
            {
                OutputPath = parse.GetValue(output)!,
                Format = parse.GetValue(format),
                Threads = Threads(parse.GetValue(threads)),
                KeepSampleIds = parse.GetValue(keep),
                KeyFile = parse.GetValue(keyFile),
                Strict = parse.GetValue(strict),
                AllCalls = parse.GetValue(allCalls),
                Selection = selection.Read(parse),
                CommandLine = ["harmony", .. args],
                Warning = message => stderr.WriteLine($"harmony: warning: {message}"),
            }, cancellationToken);
            stdout.WriteLine($"{parse.GetValue(output)}: {result.Variants} variants, {result.Calls} calls, {result.Samples} samples");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Query(TextWriter stdout)
    {
        var lake = new Argument<string>("lake") { Description = "The lake directory." };
        var sql = new Argument<string>("sql") { Description = "SQL over the lake's tables, each registered by its name: variants, calls, samples, rejected (once --lenient rejected a record), and the sample-sheet and QC tables (abnormalities, classifications, variant_stats ...) the lake holds." };
        var format = new Option<QueryOutputFormat>("--format") { Description = "Output format.", DefaultValueFactory = _ => QueryOutputFormat.Table };
        var command = new Command("query", "Run SQL over the lake with embedded DuckDB.") { lake, sql, format };
        command.SetAction(parse =>
        {
            LakeQuery.Run(parse.GetValue(lake)!, parse.GetValue(sql)!, parse.GetValue(format), stdout);
            return 0;
        });
        return command;
    }

    private static Command Demo(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string>("--data") { Description = "The folder of bundled VCF files.", DefaultValueFactory = _ => Path.Combine("testdata", "demo") };
        var lake = new Option<string>("--lake") { Description = "Where the demo lake is written.", DefaultValueFactory = _ => Path.Combine("out", "demo-lake") };
        var command = new Command("demo", "The main job on bundled data: ingest testdata/demo into a fresh pseudonymised lake and summarise it; then a 12-patient synthetic cohort into a second lake beside it (its synthetic ids kept, so that findings can be checked against the planted truth).") { data, lake };
        command.SetAction(parse =>
        {
            DemoJob.Run(parse.GetValue(data)!, parse.GetValue(lake)!, stdout, stderr);
            return 0;
        });
        return command;
    }
}
