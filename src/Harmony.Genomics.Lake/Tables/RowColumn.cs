namespace Harmony.Genomics.Lake.Tables;

/// <summary>One column of a <see cref="RowTableWriter"/> table.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">Column type.</param>
/// <param name="Nullable">Whether null values are allowed.</param>
public sealed record RowColumn(string Name, RowColumnType Type, bool Nullable = false);
