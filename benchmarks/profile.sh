#!/usr/bin/env bash
# profile.sh — where an ingest spends its CPU, in harmony as deployed (the "cluster" publish: composite ReadyToRun).
#
# usage: benchmarks/profile.sh [a|b|c|FILE] [THREAD_PREFIX] [CALLERS_OF]
#   e.g. benchmarks/profile.sh c harmony-decode        (the decoder workers on workload c)
#        benchmarks/profile.sh a "" Memmove            (every thread on a, and who calls Memmove)
# Publishes harmony with crossgen2's map of the precompiled image (--mapcsv), records one ingest with `perf record -g`
# (the runtime writes a perf map of jitted code: DOTNET_PerfMapEnabled=1), and prints samples per thread and the
# functions with the most samples, precompiled and jitted alike, named by benchmarks/perf-symbols.py. perf alone
# leaves the precompiled frames (most of the code) as bare offsets into harmony.r2r.dll.
# Needs: the .NET SDK, perf (Debian: linux-perf), python3. Profiling costs a few percent; read shares, not seconds.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/benchmarks/out
workload=${1:-c}
threads=${2:-}
callers=${3:-}
command -v perf >/dev/null || { echo "profile: perf is not installed (Debian: linux-perf)"; exit 2; }

file=$workload
if [ ! -f "$file" ]; then
  file=$out/$workload.vcf.gz
  [ -s "$file" ] || { echo "profile: $file missing; benchmarks/e2e.sh $workload generates it"; exit 2; }
fi

publish=$out/harmony-profile
rm -rf "$publish"
# crossgen2 is skipped when its composite image is up to date (an e2e.sh publish made it without the map): remove it.
find "$root/src/Harmony.Genomics.Cli/obj/Release" -path '*/R2R/harmony.r2r.dll' -delete 2>/dev/null || true
# The same publish as e2e.sh's, plus the map; crossgen2 writes it beside its output in obj/.
dotnet publish "$root/src/Harmony.Genomics.Cli" -c Release -p:PublishProfile=cluster \
  "-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3%3B--mapcsv" -o "$publish" -v q -nologo >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true
map=$(find "$root/src/Harmony.Genomics.Cli/obj/Release" -path '*/R2R/harmony.r2r.map.csv' | head -1)
[ -n "$map" ] || { echo "profile: crossgen2 wrote no map (harmony.r2r.map.csv)"; exit 1; }
cp "$map" "$publish/harmony.r2r.map.csv"
sync

rm -rf "$out/profile-lake"
# W^X off: with it, jitted code runs from a double mapping that perf cannot tie to the perf map.
DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 perf record -F 4000 -g -o "$out/perf.data" \
  "$publish/harmony" ingest "$file" --lake "$out/profile-lake" --keep-sample-ids >/dev/null 2>"$out/profile-stderr.txt"
python3 "$root/benchmarks/perf-symbols.py" "$out/perf.data" "$publish/harmony.r2r.map.csv" "$publish/harmony.r2r.dll" \
  --threads "$threads" --top 40 ${callers:+--callers "$callers"}
