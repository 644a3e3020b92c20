using System.CommandLine;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Cli;

/// <summary><c>harmony explain LAKE --patient P</c>: every classification of a patient with its evidence and rule version, then the findings behind them (issue 7).</summary>
internal static class ExplainCommand
{
    public static void AddTo(RootCommand root, TextWriter stdout)
    {
        var lake = new Argument<string>("lake") { Description = "The lake directory." };
        var patient = new Option<string>("--patient") { Description = "The patient as stored in the lake (the pseudonym, or the raw id with --keep-sample-ids).", Required = true };
        var format = new Option<QueryOutputFormat>("--format") { Description = "Output format.", DefaultValueFactory = _ => QueryOutputFormat.Table };
        var command = new Command("explain", "Print a patient's classifications with the findings and rule versions behind them.") { lake, patient, format };
        command.SetAction(parse =>
        {
            var p = parse.GetValue(patient)!.Replace("'", "''", StringComparison.Ordinal);
            var path = parse.GetValue(lake)!;
            var f = parse.GetValue(format);
            stdout.WriteLine("# classifications");
            LakeQuery.Run(path, $"select specimen, scheme, label, value, assessable, rule_version, evidence from classifications where patient = '{p}' order by specimen nulls last, scheme, label", f, stdout);
            stdout.WriteLine("# findings (abnormalities, tumour specimens)");
            LakeQuery.Run(path, $"select specimen, abnormality, category, certainty, evidence from abnormalities where patient = '{p}' and specimen_type = 'tumour' order by specimen, category, abnormality", f, stdout);
            return 0;
        });
        root.Subcommands.Add(command);
    }
}
