#!/usr/bin/env bash
# profile.sh — where an ingest spends its CPU, in harmony as deployed: the "cluster" publish (composite ReadyToRun), or
# with BUILD=native the "native" one (Native AOT), whose symbols perf reads from harmony.dbg without help.
#
# usage: [BUILD=native] benchmarks/profile.sh [a|b|c|FILE] [THREAD_PREFIX] [CALLERS_OF]
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

if [ "${BUILD:-}" = native ]; then
  # The native build (publish profile "native") keeps its symbols in harmony.dbg beside it, which perf reads itself.
  publish=$out/harmony-native-profile
  rm -rf "$publish"
  dotnet publish "$root/src/Harmony.Genomics.Cli" -c Release -p:PublishProfile=native -o "$publish" -v q -nologo >/dev/null
  dotnet build-server shutdown >/dev/null 2>&1 || true
  sync
  rm -rf "$out/profile-lake"
  perf record -F 4000 -g -o "$out/perf.data" "$publish/harmony" ingest "$file" --lake "$out/profile-lake" --keep-sample-ids \
    >/dev/null 2>"$out/profile-stderr.txt"
  echo "samples per thread:"
  perf report -i "$out/perf.data" --no-children --sort comm -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -12
  echo; echo "top functions (self) in threads \"${threads:-*}\":"
  # Shares of all samples; with THREAD_PREFIX, the rows of the threads whose names start with it.
  perf report -i "$out/perf.data" --no-children --sort comm,sym -g none 2>/dev/null | grep -v '^#' | grep -v '^$' \
    | awk -v p="${threads}" '{ line = $0; sub(/^ *[0-9.]+% +/, "", line); if (index(line, p) == 1) print $0 }' \
    | sed 's/Harmony_Genomics_[A-Za-z]*_Harmony_Genomics_//' | head -40
  if [ -n "$callers" ]; then
    echo; echo "callers of \"$callers\":"
    perf report -i "$out/perf.data" --no-children --sort sym -g caller,0.5,callee,function --symbol-filter="$callers" 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | sed 's/Harmony_Genomics_[A-Za-z]*_Harmony_Genomics_//' | head -60
  fi
  exit 0
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
