#!/usr/bin/env bash
# lake-growth.sh — how the time of one small commit grows with the files a lake already holds.
#
# usage: benchmarks/lake-growth.sh [BATCHES] [FILES_PER_BATCH]   (default 20 batches of 100 files)
# Grows a scratch lake by ingesting batches of small, distinct VCFs (27 records each, made from workload c's first
# lines), and after each batch times the ingest of one more small VCF into it (median of 3, each into a fresh copy of
# the lake). Each commit hard-links every file of the current snapshot into a new one and removes the snapshot before
# it (the lake keeps the current and the previous one for readers in flight), so this time grows with the lake. Needs: the .NET SDK, clang (Debian: clang), bgzip (Debian: tabix).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/benchmarks/out/lake-growth
batches=${1:-20}
per_batch=${2:-100}

dotnet build "$root/benchmarks/Harmony.Genomics.Benchmarks" -c Release -v q -nologo >/dev/null
# The native build, as CPU nodes run it (see README, Command line): little start-up, so the times are mostly the commit's.
dotnet publish "$root/src/Harmony.Genomics.Cli" -c Release -p:PublishProfile=native -o "$root/benchmarks/out/harmony-native" -v q -nologo >/dev/null
bench="dotnet $root/benchmarks/Harmony.Genomics.Benchmarks/bin/Release/net10.0/linux-x64/Harmony.Genomics.Benchmarks.dll"
harmony="$root/benchmarks/out/harmony-native/harmony"
rm -rf "$out" && mkdir -p "$out/vcf"
$bench workload c - | head -n 40 > "$out/template.vcf"

# A VCF whose records are shifted by $1 bases: distinct content, so the lake does not skip it as already held.
shifted() { awk -v k="$1" 'BEGIN { OFS = "\t" } /^#/ { print; next } { $2 = $2 + k; print }' "$out/template.vcf"; }

median() { sort -n | sed -n "$(( (3 + 1) / 2 ))p"; }

printf '%-8s %-12s %s\n' "batch" "lake files" "one small commit (s, median of 3)"
for b in $(seq "$batches"); do
  for i in $(seq "$per_batch"); do shifted $(( b * 100000 + i * 10 )) > "$out/vcf/b$b-$i.vcf"; done
  "$harmony" ingest "$out"/vcf/b"$b"-*.vcf --lake "$out/lake" --keep-sample-ids >/dev/null 2>&1
  shifted $(( 900000000 + b )) > "$out/one.vcf"
  times=()
  for _ in 1 2 3; do
    rm -rf "$out/copy" && cp -a "$out/lake" "$out/copy"
    start=$(date +%s.%N)
    "$harmony" ingest "$out/one.vcf" --lake "$out/copy" --keep-sample-ids >/dev/null 2>&1
    times+=("$(echo "$(date +%s.%N) - $start" | bc)")
  done
  files=$(find -L "$out/lake/_harmony/current/" -name '*.parquet' | wc -l)
  printf '%-8s %-12s %.3f\n' "$b" "$files" "$(printf '%s\n' "${times[@]}" | median)"
done
rm -rf "$out/copy"
