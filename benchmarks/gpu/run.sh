#!/usr/bin/env bash
# Builds, checks (each backend against the scalar reference) and times the compute kernels: cohort statistics,
# fingerprint pair counts and genotype decoding (VCF GT:AD:DP:GQ sample columns), CPU scalar vs SIMD at 1, 2 and all
# threads, and CUDA when a CUDA device exists; each row is the median of --repeat timed runs (the scalar references
# run once). Sizes: ./benchmarks/gpu/run.sh [--variants N --samples N --fp-samples N --snps N --decode-batch N --repeat N]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/Harmony.Genomics.Cli -c Release -v quiet -nologo >/dev/null
dotnet src/Harmony.Genomics.Cli/bin/Release/net10.0/linux-x64/harmony.dll kernel-bench "$@"
