using System.CommandLine;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Cli;

/// <summary>
/// <c>harmony explain LAKE --patient P</c>: the patient's latest classifications (per cohort, the highest
/// <c>classification_run</c>; earlier ingests and <c>harmony classify</c> runs stay in the table) with evidence and rule
/// version, then the findings behind them and the stored clinical values.
/// </summary>
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
            var pgxColumns = false;
            using (var db = LakeQuery.Connect(path))
            {
                // Empty tables would read as "nothing found" for a patient the lake does not hold at all (a raw id given to
                // a pseudonymised lake, a typo).
                var known = Directory.Exists(Path.Combine(path, "specimens"))
                    && Convert.ToInt64(LakeQuery.Rows(db, $"select count(*) from specimens where patient = '{p}'")[0][0], System.Globalization.CultureInfo.InvariantCulture) > 0;
                if (!known)
                {
                    throw new Core.HarmonyException($"explain: the lake '{path}' has no patient '{parse.GetValue(patient)}' (patients are stored as written by the sample-sheet ingest: the pseudonym hs_..., or the raw id only with --keep-sample-ids)");
                }

                // samples has the PGx columns only once a sheet ingest read a small-variant file.
                pgxColumns = Directory.Exists(Path.Combine(path, "samples"))
                    && LakeQuery.Rows(db, "select column_name from (describe samples)").Any(r => r[0] as string == "tpmt_phenotype");
            }

            stdout.WriteLine("# classifications (latest run)");
            // A lake whose sheets held no tumour file (e.g. germline files only, for TPMT/NUDT15) has no classifications
            // table: that is "none", not an SQL error that hides the rest.
            if (Directory.Exists(Path.Combine(path, "classifications")))
            {
                // Rows written before classification_run existed count as run 0.
                LakeQuery.Run(path, $"with c as (select *, coalesce(classification_run, 0) as run from classifications where patient = '{p}') "
                    + "select cohort, specimen, scheme, label, value, assessable, rule_version, evidence, run as classification_run from c "
                    + "where run = (select max(run) from c as l where l.cohort = c.cohort) order by cohort, specimen nulls last, scheme, label", f, stdout);
                WarnIfStale(path, p, stdout);
            }
            else
            {
                stdout.WriteLine("(none: the lake has no classifications)");
            }

            if (Directory.Exists(Path.Combine(path, "abnormalities")))
            {
                stdout.WriteLine("# findings (abnormalities, tumour specimens)");
                // The cohort is shown as in the classifications: the same raw id in two cohorts is two patients with one stored id.
                LakeQuery.Run(path, $"select cohort, specimen, abnormality, category, certainty, evidence from abnormalities where patient = '{p}' and specimen_type = 'tumour' order by cohort, specimen, category, abnormality", f, stdout);

            }

            // The patient's TPMT/NUDT15 values are chosen from the germline files (samples table); the tumour findings
            // above can show another call from leukaemic DNA, so both are printed, with every file's call.
            stdout.WriteLine("# pharmacogenomics (the patient's values on samples; every file's call)");
            if (pgxColumns)
            {
                LakeQuery.Run(path, $"select distinct cohort, tpmt_diplotype, tpmt_phenotype, nudt15_diplotype, nudt15_phenotype, pgx_from_tumour from samples where patient = '{p}' and (tpmt_phenotype is not null or nudt15_phenotype is not null) order by all", f, stdout);
            }

            if (Directory.Exists(Path.Combine(path, "abnormalities")))
            {
                LakeQuery.Run(path, $"select cohort, specimen, specimen_type, abnormality, certainty, genetic_origin, detail from abnormalities where patient = '{p}' and category = 'pharmacogenomic' order by cohort, specimen_type, specimen, abnormality", f, stdout);
            }

            if (Directory.Exists(Path.Combine(path, "clinical")))
            {
                stdout.WriteLine("# clinical (every run)");
                LakeQuery.Run(path, $"select * exclude (patient, age_group_rule, kb_version) from clinical where patient = '{p}' order by clinical_run", f, stdout);
            }
            return 0;
        });
        root.Subcommands.Add(command);
    }

    // A sample-sheet run that adds a specimen or clinical values to a classified patient warns and leaves the
    // classification as it was until 'harmony classify': say here when the latest classification predates them.
    private static void WarnIfStale(string path, string patient, TextWriter stdout)
    {
        using var db = LakeQuery.Connect(path);
        var latest = $"(select cohort, max(coalesce(classification_run, 0)) as run from classifications where patient = '{patient}' group by cohort)";
        var unclassified = LakeQuery.Rows(db, $"select distinct s.cohort, s.specimen from specimens s join {latest} l using (cohort) "
            + $"where s.patient = '{patient}' and s.specimen_type = 'tumour' and not exists (select 1 from classifications c where c.patient = s.patient "
            + "and c.cohort = s.cohort and coalesce(c.classification_run, 0) = l.run and c.specimen = s.specimen) order by all");
        foreach (var row in unclassified)
        {
            stdout.WriteLine($"# note: tumour specimen {row[1]} (cohort {row[0]}) came after the latest classification run and is not in it: run 'harmony classify {path}'");
        }

        if (Directory.Exists(Path.Combine(path, "clinical")))
        {
            foreach (var row in LakeQuery.Rows(db, $"select k.cohort, max(k.clinical_run), any_value(l.run) from clinical k join {latest} l using (cohort) where k.patient = '{patient}' group by k.cohort having max(k.clinical_run) > any_value(l.run) order by 1"))
            {
                stdout.WriteLine($"# note: clinical values of run {row[1]} (cohort {row[0]}) are newer than the latest classification run {row[2]}: run 'harmony classify {path}'");
            }
        }
    }
}
