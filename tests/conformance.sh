#!/usr/bin/env bash
# tests/conformance.sh — builds the CLI (Release) and runs the shared conformance check
# (../shared/checks/conformance.sh: bcftools query vs. the lake read back with DuckDB from node) on the
# repository's corpus and, when installed, htslib's test files. Extra arguments replace the default file list.
# Without ../shared (a fresh machine) it falls back to the C# twin of that check in the test project.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
check=../shared/checks/conformance.sh

if [ ! -f "$check" ]; then
  echo "conformance: $check not found; running the C# conformance theories instead"
  exec dotnet test Harmony.Genomics.sln -c Release --filter "FullyQualifiedName~Harmony.Genomics.Tests.Conformance"
fi

dotnet build src/Harmony.Genomics.Cli -c Release -nologo -v quiet || { echo "conformance: the CLI does not build"; exit 2; }
dll=$(dotnet msbuild src/Harmony.Genomics.Cli -nologo -p:Configuration=Release -getProperty:TargetPath)
[ -f "$dll" ] || { echo "conformance: built CLI not found at '$dll'"; exit 2; }

if [ $# -gt 0 ]; then
  inputs=("$@")
else
  inputs=(testdata/conformance/bcftools-test)
  [ -d /usr/share/htslib-test/test ] && inputs+=(/usr/share/htslib-test/test)
fi
HARMONY="dotnet $dll" bash "$check" -x testdata/conformance-exceptions.tsv "${inputs[@]}"
