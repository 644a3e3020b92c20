using System.Diagnostics;
using System.Security.Cryptography;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Streams VCF inputs into the lake in one atomic transaction: every table of every input is staged and
/// published together, or nothing is. Inputs whose content the lake already holds are skipped. Plain ingests into one
/// lake may run at once (separate processes or nodes): they take turns only to number their sources and to publish
/// (<see cref="IngestOptions.LockWait"/>).
/// </summary>
/// <example>
/// <code>
/// var result = IngestJob.Run(["cohort.vcf.gz"], new IngestOptions { LakePath = "lake", KeyFile = "secret.key" });
/// Console.WriteLine(result.Sources[0].Variants);
/// </code>
/// </example>
public static class IngestJob
{
    /// <summary>The engine version stamped into every file.</summary>
    public static string EngineVersion => SourceMetadata.EngineVersion;

    /// <summary>
    /// Starts jitting the ingest's hottest loops on a pool thread (see <see cref="HotPathWarmup"/>), so that a program
    /// about to ingest or convert has them ready sooner; <see cref="Run(IReadOnlyList{string}, IngestOptions, CancellationToken)"/>
    /// and <see cref="ConvertJob.Run"/> start it themselves otherwise. Calling it more than once does nothing more.
    /// </summary>
    public static void PrepareHotPaths() => HotPathWarmup.Start();

    /// <summary>Ingests the inputs (<c>-</c> for standard input) and commits them to the lake.</summary>
    /// <exception cref="InputFormatException">Malformed input (strict mode, or an unrecoverable error in lenient mode); the lake is unchanged.</exception>
    /// <exception cref="HarmonyException">A configuration problem (e.g. no pseudonymisation key); the lake is unchanged.</exception>
    public static IngestResult Run(IReadOnlyList<string> inputs, IngestOptions options, CancellationToken cancellationToken = default) =>
        Run(inputs, options, null, cancellationToken);

    /// <summary>As <see cref="Run(IReadOnlyList{string}, IngestOptions, CancellationToken)"/>, telling <paramref name="observer"/> what is ingested.</summary>
    internal static IngestResult Run(IReadOnlyList<string> inputs, IngestOptions options, IIngestObserver? observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        HotPathWarmup.Start();
        var clock = Stopwatch.StartNew();
        LakeTransaction.CheckPartitions([new(LakeColumns.CohortPartition, options.Cohort)]);
        var pseudonymizer = SamplePseudonymizer.FromOptions(options.KeepSampleIds, options.KeyFile, options.GetEnvironmentVariable);

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1, "options.Threads");

        // Before the lake is opened (which creates it): a missing input, or a run cancelled before it starts, would
        // otherwise leave an empty lake behind.
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            if (input != "-" && !File.Exists(input))
            {
                throw new HarmonyException(Directory.Exists(input) ? $"{input}: cannot open: a folder, not a file" : $"{input}: cannot open: no such file");
            }
        }

        var lake = LakeDirectory.Open(options.LakePath);
        lake.Waiting = options.Warning;
        // A plain ingest only adds sources, so it stages alongside other runs (a Slurm array, one file per task) and
        // takes turns only to publish. With an observer (a sample sheet) or --stats the rows depend on what the lake
        // holds, and the run holds the lake throughout, once the writers before it are done.
        using var transaction = observer is null && !options.Stats ? lake.BeginAppend(options.LockWait) : lake.BeginTransaction(options.LockWait);
        transaction.ExpectSources(inputs.Count);
        transaction.FieldColumns.Warning = options.Warning;
        using var stats = options.Stats ? new Qc.CohortStatsObserver(transaction, options, pseudonymizer, options.StatsChunkBytes) : null;
        observer = stats is null ? observer : observer is null ? stats : new CompositeIngestObserver([observer, stats]);
        var results = new List<SourceIngestResult>();
        var deferred = new List<DeferredSamples>();

        // Without an observer, a source's last Parquet encoding (all of it, for a small file) runs while the next source
        // is read: a source finishes once the next one has been read (or at the end), and results keep input order.
        // Observers see sources one after another, so with one every source finishes before the next starts.
        SourceTail? tail = null;
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The last source has no next one to overlap with: it finishes at once, without another thread.
                var (result, next) = IngestOne(i, inputs[i], options, pseudonymizer, transaction, observer, deferred, clock, finishLater: observer is null && i < inputs.Count - 1, cancellationToken);
                if (tail is not null)
                {
                    results.Add(tail.Finish());
                    tail = null;
                }

                if (result is not null)
                {
                    results.Add(result);
                }

                tail = next;
            }

            if (tail is not null)
            {
                results.Add(tail.Finish());
                tail = null;
            }
        }
        finally
        {
            // A failure while a source was still being written: wait for its writer before the transaction is rolled back.
            tail?.Dispose();
        }

        if (observer?.SampleColumns is { } extra)
        {
            WriteSamples(transaction, options.Cohort, extra, observer, deferred);
        }

        observer?.BeforeCommit(transaction);
        transaction.Commit();
        return new IngestResult(results, clock.Elapsed)
        {
            Stats = stats is null ? null : $"variant_stats: {stats.Variants} variants, sample_qc: {stats.Samples} samples ({stats.Chunks} chunks of at most {stats.LargestChunkBytes} genotype bytes on {stats.Device}; run {transaction.RunId})",
        };
    }

    // Reads one source and returns its result, or, with finishLater, the tail that finishes writing it.
    private static (SourceIngestResult? Result, SourceTail? Tail) IngestOne(int inputIndex, string input, IngestOptions options, SamplePseudonymizer pseudonymizer, LakeTransaction transaction, IIngestObserver? observer, List<DeferredSamples> deferred, Stopwatch clock, bool finishLater, CancellationToken cancellationToken)
    {
        var sourceFile = SourceMetadata.SourceFile(input, pseudonymizer);

        // Standard input is spooled to a temporary file first: its content hash must be known before parsing so
        // that a source the lake already holds is skipped, as for files.
        using var spool = input == "-" ? SpooledInput.FromStream(options.OpenStandardInput()) : null;
        var path = spool?.Path ?? input;
        // The content hash that the lake records sources by is computed on a pool thread while the input is opened and
        // its header read: hashing first held the first record back (0.15 s on workload b's 145 MB).
        var selection = options.Selection?.Describe();
        var key = observer?.SourceKey(inputIndex);
        var hashing = Task.Run(() => SourceHash(path, input, selection, key));
        SourceIngestResult Skipped()
        {
            options.Warning?.Invoke($"{sourceFile}: the lake already holds this content; skipped");
            return new SourceIngestResult(input, sourceFile, true, 0, 0, 0, 0);
        }

        DecompressedInput? opened = null;
        VcfReader? openedReader = null;
        int threads;
        try
        {
            var file = OpenFile(path, input);
            // A small file (a patient's panel VCF, say) is read on one thread: a 100-file ingest of 20-record, 200-sample
            // files took 0.72-0.82 s against 1.0-1.16 s with two, and files up to about 2 MB were no slower. A pipe's
            // size is unknown, so it gets the threads asked for.
            threads = file.CanSeek && file.Length < options.SmallInputBytes ? 1 : options.Threads;
            opened = VariantInput.Open(file, path, input, new InputOptions { Threads = threads, Strict = !options.Lenient, Warning = options.Warning }, options.Selection);
            openedReader = new VcfReader(opened.Stream, input, new VcfReaderOptions { Strict = options.Strict, Warning = options.Warning, Threads = threads });
        }
        catch
        {
            openedReader?.Dispose();
            opened?.Dispose();
            // A source the lake already holds is skipped, as it was when the hash came first, even when its input cannot
            // be opened for this run (the index a region needs has gone, say).
            if (HashQuietly(hashing) is { } held && transaction.ContainsSource(held, options.Cohort))
            {
                return (Skipped(), null);
            }

            throw;
        }

        using var decompressed = opened;
        using var reader = openedReader;

        // The source is numbered before its content hash is known, so that its records are decoded and pivoted while
        // the hash is computed (waiting for it held the first record back about 10 ms on workload c's 18 MB, on two
        // cores shared with the inflaters); the hash decides, before the first of its files is written, whether the lake
        // already holds it: then nothing of it was written, and its number is given back. An observer is told of a
        // source only once it is kept.
        var ordinal = transaction.ReserveSource();
        var kept = false;

        // Asked once the hash is needed; a false answer (the number given back) ends the source, so it is asked no more.
        bool Kept()
        {
            kept = kept || transaction.AddReservedSource(ordinal, hashing.GetAwaiter().GetResult(), sourceFile, options.Cohort);
            return kept;
        }

        void KeepOrSkip()
        {
            if (!Kept())
            {
                throw new SourceAlreadyHeldException();
            }
        }

        if (observer is not null && !Kept())
        {
            return (Skipped(), null);
        }

        var (storedSamples, metadata, describe) = SourceMetadata.Build(reader.Header, pseudonymizer, sourceFile, options.Cohort, options.CommandLine);

        var partitions = new[] { new KeyValuePair<string, string>(LakeColumns.CohortPartition, options.Cohort) };
        var defer = observer?.SampleColumns is not null;
        var writer = new VcfSourceWriter(reader.Header, sourceFile, (long)ordinal << LakeColumns.RecordIndexBits, storedSamples, options.AllCalls, metadata, describe, (table, part) =>
            transaction.NewFilePath(table, partitions, $"part-{transaction.RunId}-{ordinal:D6}-{part:D4}.parquet"), annotated: observer?.AnnotatesVariants == true, fieldColumns: transaction.FieldColumns)
        {
            WritesSamples = !defer,
            BeforeFirstWrite = KeepOrSkip,
        };
        long records = 0;
        try
        {
            observer?.BeginSource(inputIndex, ordinal, (long)ordinal << LakeColumns.RecordIndexBits, sourceFile, reader.Header);
            records = ReadRecords(reader, writer, decompressed, sourceFile, threads, options, observer, clock, cancellationToken);

            // Decided here at the latest, on this thread, before the writer completes (on another, with finishLater).
            KeepOrSkip();
        }
        catch (SourceAlreadyHeldException)
        {
            writer.Dispose();
            return (Skipped(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException && !kept && HashQuietly(hashing) is { } held && transaction.ContainsSource(held, options.Cohort))
        {
            // A source the lake already holds is skipped, as it was when the hash came first, even when reading it
            // fails this time (strictly, where it was ingested leniently, say); its number is given back.
            writer.Dispose();
            transaction.GiveBackSource(ordinal);
            return (Skipped(), null);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        options.Progress?.Report(new IngestProgress(sourceFile, decompressed.CompressedBytesRead, records, clock.Elapsed));
        SourceIngestResult Finish(SourceWriteResult result)
        {
            observer?.EndSource();
            var samples = defer ? storedSamples.Count : result.Samples;
            if (defer && storedSamples.Count > 0)
            {
                deferred.Add(new DeferredSamples(inputIndex, ordinal, sourceFile, storedSamples, metadata));
            }

            transaction.SetRowCount(ordinal, LakeColumns.VariantsTable, result.Variants);
            transaction.SetRowCount(ordinal, LakeColumns.CallsTable, result.Calls);
            transaction.SetRowCount(ordinal, LakeColumns.SamplesTable, samples);
            transaction.SetRowCount(ordinal, LakeColumns.RejectedTable, result.Rejected);
            return new SourceIngestResult(input, sourceFile, false, result.Variants, result.Calls, samples, result.Rejected);
        }

        if (finishLater)
        {
            return (null, new SourceTail(writer, Finish));
        }

        using (writer)
        {
            return (Finish(writer.Complete()), null);
        }
    }

    // The records of one source, through the decoder pipeline, into the writer (or the observer's annotated path).
    private static long ReadRecords(VcfReader reader, VcfSourceWriter writer, DecompressedInput decompressed, string sourceFile, int threads, IngestOptions options, IIngestObserver? observer, Stopwatch clock, CancellationToken cancellationToken)
    {
        // Records the observer annotates are appended one by one, with their annotations; others are pivoted by the
        // decoder workers, when there are any. The pipeline's decoder threads stop before the reader or the writer is
        // disposed, and before the writer completes.
        var annotated = observer?.AnnotatesVariants == true;
        using var pipeline = new RecordPipeline(reader, options.DecodeWorkers ?? RecordPipeline.DecoderCount(threads), options.Lenient, options.ChunkRecords, annotated ? null : writer);
        var pivotedAhead = pipeline.PivotsAhead;
        long records = 0;
        while (pipeline.Read(out var record, out var rejected, cancellationToken))
        {
            records++;
            if (rejected is not null)
            {
                if (!options.Lenient)
                {
                    throw rejected;
                }

                writer.Reject(rejected, record.RecordIndex, SourceMetadata.RejectedText(record.Line.Span, options.KeepSampleIds));
            }
            else
            {
                if (!pivotedAhead)
                {
                    writer.Append(record, observer?.Annotate(record));
                }

                observer?.Observe(record);
            }

            if ((records & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                options.Progress?.Report(new IngestProgress(sourceFile, decompressed.CompressedBytesRead, records, clock.Elapsed));
            }
        }

        return records;
    }

    /// <summary>
    /// A source whose records are all read and whose writer completes (encodes its last batches, closes its files) on
    /// another thread; <see cref="Finish"/> waits for that and records the source's rows in the transaction.
    /// </summary>
    private sealed class SourceTail(VcfSourceWriter writer, Func<SourceWriteResult, SourceIngestResult> finish) : IDisposable
    {
        private readonly Task<SourceWriteResult> _completion = Task.Factory.StartNew(writer.Complete, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        private bool _disposed;

        // The writer's failure, if it failed, is raised here, on the job's thread.
        public SourceIngestResult Finish()
        {
            try
            {
                return finish(_completion.GetAwaiter().GetResult());
            }
            finally
            {
                Dispose();
            }
        }

        // Once only: after a failed Finish the run's clean-up calls it again, and a writer disposed twice would raise
        // an error of its own in place of the one being reported.
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _completion.Wait();
            }
            catch (AggregateException)
            {
                // The failure that ended the run is the one reported.
            }

            writer.Dispose();
        }
    }

    /// <summary>
    /// The <c>samples</c> rows of sources whose observer adds columns: the same columns, types, file names and file
    /// metadata as <see cref="VcfSourceWriter"/> writes, plus the observer's columns.
    /// </summary>
    private static void WriteSamples(LakeTransaction transaction, string cohort, IReadOnlyList<RowColumn> extra, IIngestObserver observer, List<DeferredSamples> deferred)
    {
        var partitions = new[] { new KeyValuePair<string, string>(LakeColumns.CohortPartition, cohort) };
        RowColumn[] columns = [new("sample", RowColumnType.String), new("sample_index", RowColumnType.Int32), new("source_file", RowColumnType.String), new(LakeColumns.SourceOrdinal, RowColumnType.Int32), .. extra];
        foreach (var source in deferred)
        {
            using var writer = new RowTableWriter(columns, source.Metadata, part =>
                transaction.NewFilePath(LakeColumns.SamplesTable, partitions, $"part-{transaction.RunId}-{source.Ordinal:D6}-{part:D4}.parquet"));
            for (var i = 0; i < source.StoredSamples.Count; i++)
            {
                writer.Add([source.StoredSamples[i], i, source.SourceFile, source.Ordinal, .. observer.SampleValues(source.InputIndex, i)]);
            }

            writer.Complete();
        }
    }

    private sealed record DeferredSamples(int InputIndex, int Ordinal, string SourceFile, IReadOnlyList<string> StoredSamples, IReadOnlyDictionary<string, string> Metadata);

    // The key a source is recorded by: its bytes' SHA-256, combined with the selection (regions, targets, samples: a
    // selection of a file is a different source from the whole file or another selection) and the observer's key.
    private static string SourceHash(string path, string input, string? selection, string? key)
    {
        var hash = HashFile(path, input);
        if (selection is { Length: > 0 })
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{hash}\n{selection}")));
        }

        if (key is { Length: > 0 })
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{hash}\n{key}")));
        }

        return hash;
    }

    // Thrown by a source's KeepOrSkip when the lake already holds its content: nothing of it has been written.
    private sealed class SourceAlreadyHeldException : Exception
    {
    }

    // The hash once computed, or null if computing it failed (the failure that ended the run is the one reported).
    private static string? HashQuietly(Task<string> hashing)
    {
        try
        {
            return hashing.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HarmonyException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string HashFile(string path, string input)
    {
        using var stream = OpenFile(path, input);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static FileStream OpenFile(string path, string input)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            throw new HarmonyException($"{input}: cannot open: {e.Message}", e);
        }
    }
}
