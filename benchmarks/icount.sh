#!/usr/bin/env bash
# icount.sh — instructions an ingest executes, per function, counted by callgrind: a measure that a noisy neighbour does
# not move (run to run it differs by about 0.01%), for work whose gain is a few percent, which wall and CPU time on a
# shared VM cannot show (issue #3). Counts are not time: a branch mispredicted or a cache line missed costs more than
# an instruction, and callgrind counts each byte of `rep movsb`/`rep stosb` (large memcpy/memset) as one.
#
# usage: benchmarks/icount.sh FILE [TOP] [DIR]
#   e.g. benchmarks/icount.sh benchmarks/out/c100k.vcf.gz 40
# FILE is ingested once by the native build (publish profile "native") found in DIR, or published there
# (default benchmarks/out/harmony-icount). Take a slice of a workload (its first 100,000 records: a minute under
# callgrind) rather than the whole of it. Valgrind has no AVX-512, so the code runs its Vector256 paths, as on a CPU
# without AVX-512. Writes DIR/callgrind.out (read it with callgrind_annotate; --dump-instr=yes is on, so per-instruction
# counts can be matched with objdump -d of DIR/harmony-sym, whose addresses are offset by the mapping's base).
# Needs: the .NET SDK and clang (the native build), valgrind, elfutils (eu-unstrip), binutils (objcopy).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
file=${1:?usage: benchmarks/icount.sh FILE [TOP] [DIR]}
top=${2:-30}
dir=${3:-$root/benchmarks/out/harmony-icount}
for tool in valgrind eu-unstrip objcopy callgrind_annotate; do command -v "$tool" >/dev/null || { echo "icount: $tool is not installed (Debian: valgrind, elfutils, binutils)"; exit 2; }; done

if [ ! -x "$dir/harmony" ]; then
  dotnet publish "$root/src/Harmony.Genomics.Cli" -c Release -p:PublishProfile=native -o "$dir" -v q -nologo >/dev/null
  dotnet build-server shutdown >/dev/null 2>&1 || true
fi

# The executable keeps no symbols (they are in harmony.dbg), and valgrind gives up on the debug file's DWARF: one
# executable with the symbol table and without the DWARF lets it name every function.
eu-unstrip -o "$dir/harmony-sym" "$dir/harmony" "$dir/harmony.dbg"
objcopy --strip-debug "$dir/harmony-sym"

lake=$(mktemp -d)
trap 'rm -rf "$lake"' EXIT
valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$dir/callgrind.out" \
  "$dir/harmony-sym" ingest "$file" --lake "$lake/lake" --keep-sample-ids >/dev/null 2>"$dir/callgrind.log" \
  || { echo "icount: the ingest failed:"; tail -5 "$dir/callgrind.log"; exit 1; }
callgrind_annotate "$dir/callgrind.out" 2>/dev/null | grep -E '^\s*[0-9,]+ \(' | head -n "$((top + 1))" \
  | sed -E 's/Harmony_Genomics_[A-Za-z]+_Harmony_Genomics_[A-Za-z]+_//g; s/\?\?\?://; s/ \[\?\?\?\]//' | cut -c1-160
