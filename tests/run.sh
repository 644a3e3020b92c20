#!/usr/bin/env bash
# tests/run.sh — THE command that runs every test of the project (CI runs it through .ci/run).
#
#   1. Installs the Debian packages the tests use (bcftools, tabix, htslib-test, libdeflate0, clang; slurm-wlm and munge for
#      the Slurm array test, whose one-node cluster tests/cluster/slurm-local.sh starts) when one is missing and this
#      script can (root, apt-get present). When it cannot, it says so and goes on: the tests that need them
#      report SKIPPED, never passed.
#   2. Runs `dotnet test Harmony.Genomics.sln -c Release` from the repository root with a TRX logger.
#   3. Sums the <Counters .../> of the TRX file(s) and prints a skipped line, then, as its LAST line,
#      exactly "N passed, N failed". Exits non-zero if a test failed or the build failed
#      (a failed build prints "0 passed, 1 failed").
# Environment: HARMONY_TEST_RESULTS — where the TRX files go (default: <repo>/TestResults/run, emptied first).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2

# --- 1. the external tools --------------------------------------------------------------------------------
missing=()
command -v bcftools >/dev/null 2>&1 || missing+=(bcftools)
command -v tabix >/dev/null 2>&1 || missing+=(tabix)
[ -d /usr/share/htslib-test/test ] || missing+=(htslib-test)
ldconfig -p 2>/dev/null | grep -q 'libdeflate\.so\.0' || missing+=(libdeflate0)
command -v slurmd >/dev/null 2>&1 && command -v sbatch >/dev/null 2>&1 || missing+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || missing+=(munge)
# clang links the native build (publish profile "native"), which tests/Harmony.Genomics.Tests/Cli/NativeBuildTests publish.
command -v clang >/dev/null 2>&1 || missing+=(clang)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: installing ${missing[*]}"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1; then
      echo "run.sh: note: could not install ${missing[*]}; the tests that need them will be SKIPPED"
    fi
  else
    echo "run.sh: note: ${missing[*]} not installed and cannot install them here (needs root and apt-get); the tests that need them will be SKIPPED"
  fi
fi

# --- 2. the tests -----------------------------------------------------------------------------------------
results=${HARMONY_TEST_RESULTS:-$root/TestResults/run}
mkdir -p "$results" && find "$results" -name '*.trx' -type f -delete
rc=0
dotnet test "$root/Harmony.Genomics.sln" -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" || rc=$?

# --- 3. the counts ----------------------------------------------------------------------------------------
mapfile -t trx < <(find "$results" -name '*.trx' -type f | sort)
if [ ${#trx[@]} = 0 ]; then
  echo "run.sh: no test results (exit $rc): the build failed or no test ran"
  echo "0 skipped"
  echo "0 passed, 1 failed"
  exit 1
fi
# <Counters total="440" executed="440" passed="20" failed="420" error="0" timeout="0" aborted="0" ... />
read -r total executed passed failed < <(
  grep -ho '<Counters [^>]*>' "${trx[@]}" | awk '
    { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) { v = kv[2]; gsub(/[^0-9]/, "", v); c[kv[1]] += v } }
    END { printf "%d %d %d %d\n", c["total"], c["executed"], c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"] }')
skipped=$((total - executed))
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
  echo "run.sh: dotnet test exited $rc although no test failed (a test host crash?): counted as one failure"
  failed=1
fi
echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$rc" = 0 ]
