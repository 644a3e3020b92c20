using System.CommandLine;
using Harmony.Genomics.Formats.Selection;

namespace Harmony.Genomics.Cli;

/// <summary>The bcftools-style record and sample selection options shared by <c>ingest</c> and <c>convert</c>.</summary>
internal sealed class SelectionOptions
{
    private readonly Option<string?> regions = new("--regions", "-r") { Description = "Regions chr|chr:pos|chr:beg-end|chr:beg-, comma-separated; records overlapping them, through the .tbi/.csi index (as bcftools -r)." };
    private readonly Option<string?> regionsFile = new("--regions-file", "-R") { Description = "Regions from a file (chr, beg, end; 1-based; .bed/.bed.gz: BED, 0-based half-open), through the index." };
    private readonly Option<string> regionsOverlap = new("--regions-overlap") { Description = "How records match -r/-R: 0|pos (POS in a region), 1|record (the record's span overlaps; default), 2|variant (the varying bases overlap), as bcftools.", DefaultValueFactory = _ => "1" };
    private readonly Option<string?> targets = new("--targets", "-t") { Description = "Like -r but streamed without an index and matched by POS only; '^' excludes (as bcftools -t)." };
    private readonly Option<string?> targetsFile = new("--targets-file", "-T") { Description = "Targets from a file, streamed; '^FILE' excludes." };
    private readonly Option<string> targetsOverlap = new("--targets-overlap") { Description = "How records match -t/-T: 0|pos (default), 1|record or 2|variant, as --regions-overlap.", DefaultValueFactory = _ => "0" };
    private readonly Option<string?> samples = new("--samples", "-s") { Description = "Samples to keep, comma-separated, in this order; '^' excludes them instead (as bcftools -s)." };
    private readonly Option<string?> samplesFile = new("--samples-file", "-S") { Description = "Samples to keep, one per line; '^FILE' excludes them." };
    private readonly Option<bool> forceSamples = new("--force-samples") { Description = "Warn about unknown samples instead of failing." };
    private readonly Option<bool> noUpdate = new("--no-update", "-I") { Description = "With -s/-S: keep INFO/AC and INFO/AN as they are (default: recomputed from the kept samples, as bcftools does)." };

    public void AddTo(Command command)
    {
        command.Options.Add(regions);
        command.Options.Add(regionsFile);
        command.Options.Add(regionsOverlap);
        command.Options.Add(targets);
        command.Options.Add(targetsFile);
        command.Options.Add(targetsOverlap);
        command.Options.Add(samples);
        command.Options.Add(samplesFile);
        command.Options.Add(forceSamples);
        command.Options.Add(noUpdate);
    }

    public VariantSelection? Read(ParseResult parse)
    {
        var selection = new VariantSelection
        {
            Regions = parse.GetValue(regions),
            RegionsFile = parse.GetValue(regionsFile),
            RegionsOverlap = RegionOverlapText.Parse(parse.GetValue(regionsOverlap)!, "--regions-overlap"),
            Targets = parse.GetValue(targets),
            TargetsFile = parse.GetValue(targetsFile),
            TargetsOverlap = RegionOverlapText.Parse(parse.GetValue(targetsOverlap)!, "--targets-overlap"),
            Samples = parse.GetValue(samples),
            SamplesFile = parse.GetValue(samplesFile),
            ForceSamples = parse.GetValue(forceSamples),
            NoUpdate = parse.GetValue(noUpdate),
        };
        return selection.IsEmpty ? null : selection;
    }
}
