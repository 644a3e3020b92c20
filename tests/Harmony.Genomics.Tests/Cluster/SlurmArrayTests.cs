using System.Net;
using System.Net.Sockets;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cluster;

/// <summary>
/// A real Slurm array (Debian's slurm-wlm and munge, one node started by <c>tests/cluster/slurm-local.sh</c>): one
/// <c>harmony ingest</c> per task, every task into the same lake at the same time, as a cohort is loaded on a cluster.
/// </summary>
public sealed class SlurmArrayTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    // The cluster's own folder sits directly under /tmp: munged, running as its own user, must reach its socket there.
    private readonly string _slurmDir = Path.Combine(Path.GetTempPath(), "harmony-slurm-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        TestPaths.TryDelete(_dir);
        TestPaths.TryDelete(_slurmDir);
    }

    [RequiresSlurmFact]
    public void ArrayOfIngests_EveryTaskCommits_AndTheLakeHoldsEachFileOnce()
    {
        var script = Path.Combine(TestPaths.RepoRoot ?? throw new InvalidOperationException("not in a checkout"), "tests", "cluster", "slurm-local.sh");
        var environment = new[] { $"HARMONY_SLURM_DIR={_slurmDir}", $"HARMONY_SLURM_PORT={FreePortPair()}" };
        var up = ProcessRunner.Run("env", [.. environment, "bash", script, "up"], TimeSpan.FromMinutes(1));
        Assert.True(up.ExitCode == 0, $"the local Slurm cluster did not start: {up.StandardError}");
        try
        {
            var slurmConf = up.StandardOutput.Split('\n').Single(l => l.StartsWith("SLURM_CONF=", StringComparison.Ordinal));
            const int tasks = 6;
            var files = Enumerable.Range(0, tasks)
                .Select(i => Write($"patient{i}.vcf", RandomVcf.Generate(90 + i, records: 30 + i, samples: 2, longLine: false)))
                .ToList();
            var list = Write("files.txt", string.Join('\n', files) + "\n");
            var lake = Path.Combine(_dir, "lake");
            var job = Write("ingest.sh", $"""
                #!/bin/bash
                set -euo pipefail
                input=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" '{list}')
                exec dotnet '{HarmonyCli.CliDll}' ingest "$input" --lake '{lake}' --keep-sample-ids --threads 1

                """);

            var run = ProcessRunner.Run(
                "env",
                [slurmConf, "sbatch", "--wait", $"--array=0-{tasks - 1}", "--chdir", _dir, "-o", Path.Combine(_dir, "task-%a.out"), "-e", Path.Combine(_dir, "task-%a.err"), job],
                TimeSpan.FromMinutes(4));

            var logs = string.Join('\n', Directory.EnumerateFiles(_dir, "task-*").Order(StringComparer.Ordinal).Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));
            Assert.True(run.ExitCode == 0, $"sbatch: {run.StandardOutput}{run.StandardError}\n{logs}");
            Assert.Equal(tasks, Directory.EnumerateFiles(_dir, "task-*.out").Count());
            Assert.DoesNotContain("error", logs, StringComparison.OrdinalIgnoreCase);

            var variants = LakeDump.Table(lake, "variants");
            Assert.Equal(
                Enumerable.Range(0, tasks).Select(i => $"patient{i}.vcf\t{30 + i}"),
                LakeReader.Query($"select source_file, count(*) from {variants} group by all order by 1"));
            Assert.Equal([$"{(30 * tasks) + 15}\t{(30 * tasks) + 15}\t{tasks}"], LakeReader.Query($"select count(*), count(distinct variant_id), count(distinct variant_id >> 40) from {variants}"));
            Assert.Equal(["0"], LakeReader.Query($"select count(*) from {LakeDump.Table(lake, "calls")} c anti join {variants} using (variant_id)"));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(lake, "_harmony", "staging")));
        }
        finally
        {
            ProcessRunner.Run("env", [.. environment, "bash", script, "down"], TimeSpan.FromMinutes(1));
        }
    }

    // Two consecutive free TCP ports on loopback (slurmctld's and slurmd's), so that a concurrent run or a real cluster
    // on this machine does not collide with this one.
    private static int FreePortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            if (IsFree(port) && IsFree(port + 1))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no two consecutive free ports on loopback");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
