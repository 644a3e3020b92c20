namespace Harmony.Genomics.Lake.Tables;

/// <summary>A writer that also takes records pivoted ahead on other threads, a fragment at a time (see <see cref="SourceFragment"/>).</summary>
public interface IFragmentWriter
{
    /// <summary>A fragment whose records this writer can take.</summary>
    SourceFragment NewFragment();

    /// <summary>
    /// Appends a fragment's records, in block copies, as appending them one by one would: the same rows, batches and
    /// file parts. Its records must have been handed over (their field counts final).
    /// </summary>
    void Append(SourceFragment fragment);
}
