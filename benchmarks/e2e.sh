#!/usr/bin/env bash
# e2e.sh — end-to-end comparison of harmony against bcftools and bgzip on the same files, in one run.
#
# usage: benchmarks/e2e.sh [a|b|c|a.bcf|b.bcf|c.bcf ...]   (default: a b c; workloads are described in WorkloadGenerator.cs;
#        X.bcf is workload X converted with `bcftools view -Ob`, to compare BCF input with bcftools on the same BCF)
# Generates each workload once (deterministic, cached under benchmarks/out/), then runs every command RUNS times
# (default 3), interleaved, after one discarded round, and prints the median wall time, CPU time (user+sys), peak RSS
# and the wall-time ratio to `bcftools view -Ou` (which only parses; the median of the rounds' ratios). The machine is
# shared and noisy: read the ratios. Where perf works (Debian: linux-perf; perf_event_paranoid at most 2), each command
# also runs under `perf stat` and the table adds the median context switches and page faults, and, where the CPU
# exposes hardware counters (not on every VM), user-space instructions as a ratio to `bcftools view -Ou`'s: counts that
# a noisy neighbour does not change, as wall and CPU time are changed.
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
# perf stat's events: software counters where perf runs at all, instructions too where the CPU counts them.
events=()
if command -v perf >/dev/null && perf stat -x, -e context-switches,page-faults -o /dev/null true 2>/dev/null; then
  events=(context-switches page-faults)
  if perf stat -x, -e instructions:u -o /dev/stdout true 2>/dev/null | grep -q '^[0-9]'; then events+=(instructions:u); fi
fi

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

labels=("harmony ingest" "harmony ingest, pseudonyms" "harmony ingest, cluster" "harmony convert" "bcftools view -Ou"
  "bcftools view -Ob" "bcftools query GT" "bgzip -d -@2")
base_label="bcftools view -Ou"

command_of() { # label -> sets cmd to that command on $file
  case $1 in
    "harmony ingest") cmd=("$harmony" ingest "$file" --lake "$out/lake" --keep-sample-ids) ;;
    # The default: sample names become HMAC pseudonyms and the header is scrubbed of them (a fixed test key here).
    "harmony ingest, pseudonyms") cmd=(env HARMONY_PSEUDONYM_KEY=e2e-benchmark-key-not-secret "$harmony" ingest "$file" --lake "$out/lake") ;;
    "harmony ingest, cluster") cmd=("$cluster" ingest "$file" --lake "$out/lake" --keep-sample-ids) ;;
    "harmony convert") cmd=("$harmony" convert "$file" -o "$out/convert.parquet" --keep-sample-ids) ;;
    "bcftools view -Ou") cmd=(bcftools view -Ou -o /dev/null) ;;
    "bcftools view -Ob") cmd=(bcftools view -Ob -o /dev/null) ;;
    "bcftools query GT") cmd=(bcftools query -f '[%GT\t]\n' -o /dev/null) ;;
    "bgzip -d -@2") cmd=(bgzip -d -@2 -c "$file"); return ;;
  esac
  cmd+=("${select[@]}")
  [[ $1 != bcftools* ]] || cmd+=("$file")
}

time_one() { # label -> appends "label<TAB>round<TAB>wall<TAB>cpu<TAB>rss<TAB>switches<TAB>faults<TAB>instructions" to $samples
  rm -rf "$out/lake" "$out/convert.parquet"
  command_of "$1"
  local counted=()
  [ ${#events[@]} -eq 0 ] || counted=(perf stat -x, -o "$out/perf.txt" -e "$(IFS=,; echo "${events[*]}")" --)
  "${counted[@]}" /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "${cmd[@]}" >/dev/null 2>"$out/stderr.txt" || { echo "e2e: '$1' failed:"; tail -3 "$out/stderr.txt"; exit 1; }
  read -r wall user sys rss < "$out/time.txt"
  local switches=- faults=- instructions=-
  if [ ${#events[@]} -gt 0 ]; then
    # perf stat -x, writes "value,unit,event,..."; a count it could not take reads "<not counted>".
    switches=$(awk -F, '$3 == "context-switches" && $1 ~ /^[0-9]+$/ { print $1 }' "$out/perf.txt")
    faults=$(awk -F, '$3 == "page-faults" && $1 ~ /^[0-9]+$/ { print $1 }' "$out/perf.txt")
    instructions=$(awk -F, '$3 == "instructions:u" && $1 ~ /^[0-9]+$/ { print $1 }' "$out/perf.txt")
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$wall" "$(echo "$user + $sys" | bc)" "$rss" "${switches:--}" "${faults:--}" "${instructions:--}" >> "$samples"
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
  echo "workload $w: $(du -h "$file" | cut -f1) BGZF, $(nproc) CPUs, $runs interleaved rounds (medians; RSS = max)${SELECT:+; selection: $SELECT}"
  # Interleaved: each round runs every command once, so that a noisy minute on this shared machine falls on all commands
  # alike rather than on one (in one run bcftools view -Ou of a read 0.93 s, in the next 1.61 s, five runs each in a row).
  # A first round is discarded: it pages the input in and waits out the writeback of what was just generated or
  # published (the first workload's harmony rows read 0.69 s on a, 0.47-0.51 s when timed again a minute later).
  samples=$out/$w${SELECT:+.selected}.samples.tsv
  : > "$samples"
  # Each round runs the commands in its own order (shuffled, seeded by the round), so that no command always runs first
  # or always after the same one: harmony ingest of a read 0.38-0.45 s when it always ran after bgzip (first in every
  # round, or rotated), 0.31 s interleaved with its pseudonymised run alone, which read 0.27-0.32 s after it
  # (2026-12-02). On these VMs a program's first seconds seem to pay for what ran before it.
  for round in $(seq 0 "$runs"); do
    for i in $(printf '%s\n' "${!labels[@]}" | awk -v seed="$round" 'BEGIN { srand(seed + 1) } { print rand() "\t" $0 }' | sort -n | cut -f2); do
      time_one "${labels[$i]}" "$round"
    done
  done
  # Per command: median wall, median CPU, max RSS over rounds 1..runs, and the median over rounds of its wall time
  # divided by bcftools view -Ou's in the same round.
  # Counts (columns 6-8) the same way, "-" where they were not taken; instructions as a ratio of medians to the base's.
  awk -F'\t' -v base="$base_label" '
    $2 > 0 { n[$1]++; wall[$1, n[$1]] = $3; cpu[$1, n[$1]] = $4; if ($5 > rss[$1]) rss[$1] = $5; w[$1, $2] = $3; rounds[$2] = 1; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 }
      sw[$1, n[$1]] = $6; pf[$1, n[$1]] = $7; ins[$1, n[$1]] = $8 }
    function median(a, key, count,   i, j, t, v) { for (i = 1; i <= count; i++) v[i] = a[key, i]; for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }; return v[int((count + 1) / 2)] }
    END {
      for (i = 1; i <= k; i++) { c = order[i]; m = 0; for (r in rounds) ratio[c, ++m] = w[c, r] / (w[base, r] > 0 ? w[base, r] : 0.01)  # time prints 0.00 under 5 ms
        mi = median(ins, c, n[c]); bi = median(ins, base, n[base])
        printf "%s\t%s\t%s\t%s\t%.3f\t%s\t%s\t%s\n", c, median(wall, c, n[c]), median(cpu, c, n[c]), rss[c], median(ratio, c, m), median(sw, c, n[c]), median(pf, c, n[c]), (mi == "-" || bi == "-" || bi == 0) ? "-" : sprintf("%.3f", mi / bi) }
    }' "$samples" > "$out/$w.unordered.tsv"
  # In the order of the labels, whichever command the first round started with.
  for label in "${labels[@]}"; do awk -F'\t' -v label="$label" '$1 == label' "$out/$w.unordered.tsv"; done > "$out/$w${SELECT:+.selected}.tsv"
  rm -f "$out/$w.unordered.tsv"
  awk -F'\t' 'BEGIN { printf "%-26s %9s %9s %10s %14s %9s %9s %14s\n", "command", "wall s", "cpu s", "rss MiB", "wall / view-Ou", "ctx sw", "faults", "instr / view-Ou" }
    { printf "%-26s %9.2f %9.2f %10.0f %14.2f %9s %9s %14s\n", $1, $2, $3, $4 / 1024, $5, $6, $7, $8 }' "$out/$w${SELECT:+.selected}.tsv"
done
