#!/usr/bin/env bash
# e2e.sh — end-to-end comparison of harmony against bcftools and bgzip on the same files, in one run.
#
# usage: benchmarks/e2e.sh [a|b|c|a.bcf|b.bcf|c.bcf ...]   (default: a b c; workloads are described in WorkloadGenerator.cs;
#        X.bcf is workload X converted with `bcftools view -Ob`, to compare BCF input with bcftools on the same BCF)
# Generates each workload once (deterministic, cached under benchmarks/out/), then runs every command
# RUNS times (default 3) after one discarded run, and prints the median wall time, CPU time (user+sys), peak RSS and the wall-time
# ratio to `bcftools view -Ou` (which only parses). The machine is shared and noisy: read the ratios.
# SELECT="OPTIONS" applies a selection (-r/-R/-t/-T/-s/-S ...) to harmony and to every bcftools command alike, e.g.
# SELECT="-s S00001,S00002 -r chr1:1-120000000" benchmarks/e2e.sh b.bcf (an index is made first when -r/-R is given).
# Needs: the .NET SDK, clang (Debian: clang; links the native build), bcftools, bgzip (Debian: bcftools, tabix), GNU time (Debian: time).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/benchmarks/out
runs=${RUNS:-3}
workloads=("$@"); [ ${#workloads[@]} -gt 0 ] || workloads=(a b c)
read -r -a select <<< "${SELECT:-}"
for tool in clang bcftools bgzip /usr/bin/time; do command -v "$tool" >/dev/null || { echo "e2e: $tool is not installed"; exit 2; }; done

dotnet build "$root/benchmarks/Harmony.Genomics.Benchmarks" -c Release -v q -nologo >/dev/null
# harmony as it is deployed: the "native" publish profile (Native AOT: one executable, nothing jitted) for CPU nodes,
# and, in one row, the "cluster" profile (self-contained, composite ReadyToRun; hot loops jitted) that GPU nodes need.
# See README, "Performance".
rm -rf "$out/harmony-publish" "$out/harmony-native"
dotnet publish "$root/src/Harmony.Genomics.Cli" -c Release -p:PublishProfile=native -o "$out/harmony-native" -v q -nologo >/dev/null
dotnet publish "$root/src/Harmony.Genomics.Cli" -c Release -p:PublishProfile=cluster -o "$out/harmony-publish" -v q -nologo >/dev/null
# Build servers left running by the builds above would share the 2 CPUs with the first workload's runs.
dotnet build-server shutdown >/dev/null 2>&1 || true
# The publish leaves ~200 MB of dirty pages; on ext4 (data=ordered) the first ingest's commit, whose fsync forces a
# journal commit, waited for their writeback (a 0.95 s right after publishing, 0.73-0.75 s a minute later). Flush first.
sync
bench="dotnet $root/benchmarks/Harmony.Genomics.Benchmarks/bin/Release/net10.0/linux-x64/Harmony.Genomics.Benchmarks.dll"
harmony="$out/harmony-native/harmony"
cluster="$out/harmony-publish/harmony"
mkdir -p "$out"

measure() { # label command... -> "label wall cpu rss" (medians over $runs)
  local label=$1; shift
  local walls=() cpus=() rsss=()
  # One discarded run first: it pages the input in and waits out the writeback of what was just generated or published
  # (in one run the first workload's harmony rows read 0.69 s on a, 0.47-0.51 s when timed again a minute later).
  rm -rf "$out/lake" "$out/convert.parquet"
  "$@" >/dev/null 2>"$out/stderr.txt" || { echo "e2e: '$label' failed:"; tail -3 "$out/stderr.txt"; exit 1; }
  for _ in $(seq "$runs"); do
    rm -rf "$out/lake" "$out/convert.parquet"
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { echo "e2e: '$label' failed:"; tail -3 "$out/stderr.txt"; exit 1; }
    read -r wall user sys rss < "$out/time.txt"
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)"); rsss+=("$rss")
  done
  printf '%s\t%s\t%s\t%s\n' "$label" "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" "$(printf '%s\n' "${rsss[@]}" | sort -n | tail -1)"
}

for w in "${workloads[@]}"; do
  vcf=${w%.bcf}
  file=$out/$vcf.vcf.gz
  [ -s "$file" ] || { echo "generating workload $vcf ..."; $bench workload "$vcf" - | bgzip -@2 -c > "$file"; }
  if [ "$w" != "$vcf" ]; then
    [ -s "$out/$w" ] || { echo "converting workload $vcf to BCF ..."; bcftools view --no-version --threads 2 -Ob -o "$out/$w" "$file"; }
    file=$out/$w
  fi
  if [[ " ${select[*]} " == *" -r "* || " ${select[*]} " == *" -R "* ]] && [ ! -e "$file.csi" ] && [ ! -e "$file.tbi" ]; then
    if [ "$w" != "$vcf" ]; then bcftools index "$file"; else bcftools index -t "$file"; fi
  fi
  echo
  echo "workload $w: $(du -h "$file" | cut -f1) BGZF, $(nproc) CPUs, $runs runs each (medians; RSS = max)${SELECT:+; selection: $SELECT}"
  {
    measure "harmony ingest" $harmony ingest "$file" --lake "$out/lake" --keep-sample-ids "${select[@]}"
    # The default: sample names become HMAC pseudonyms and the header is scrubbed of them (a fixed test key here).
    measure "harmony ingest, pseudonyms" env HARMONY_PSEUDONYM_KEY=e2e-benchmark-key-not-secret $harmony ingest "$file" --lake "$out/lake" "${select[@]}"
    measure "harmony ingest, cluster" $cluster ingest "$file" --lake "$out/lake" --keep-sample-ids "${select[@]}"
    measure "harmony convert" $harmony convert "$file" -o "$out/convert.parquet" --keep-sample-ids "${select[@]}"
    measure "bcftools view -Ou" bcftools view -Ou "${select[@]}" -o /dev/null "$file"
    measure "bcftools view -Ob" bcftools view -Ob "${select[@]}" -o /dev/null "$file"
    measure "bcftools query GT" bcftools query "${select[@]}" -f '[%GT\t]\n' -o /dev/null "$file"
    measure "bgzip -d -@2" bgzip -d -@2 -c "$file"
  } > "$out/$w${SELECT:+.selected}.tsv"
  base=$(awk -F'\t' '$1 == "bcftools view -Ou" { print $2 }' "$out/$w${SELECT:+.selected}.tsv")
  awk -F'\t' -v base="$base" 'BEGIN { printf "%-26s %9s %9s %10s %14s\n", "command", "wall s", "cpu s", "rss MiB", "wall / view-Ou" }
    { printf "%-26s %9.2f %9.2f %10.0f %14.2f\n", $1, $2, $3, $4 / 1024, $2 / base }' "$out/$w${SELECT:+.selected}.tsv"
done
