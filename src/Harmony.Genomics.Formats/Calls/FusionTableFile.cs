namespace Harmony.Genomics.Formats.Calls;

/// <summary>A fusion-caller table.</summary>
/// <param name="Source">The name used in errors and evidence.</param>
/// <param name="Format">The sniffed format.</param>
/// <param name="Calls">Calls in file order.</param>
public sealed record FusionTableFile(string Source, FusionTableFormat Format, IReadOnlyList<FusionCallRecord> Calls);
