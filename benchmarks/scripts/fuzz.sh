#!/usr/bin/env bash
# Issue 12: the long run of the CI fuzz generators (GarbageInputFuzzTest, OpenerAndOptionFuzzTest), in-process
# through the real command line, with the same invariants (exit 0 or 2, one stderr line for exit 2, no stack
# trace, inputs unchanged, nothing written but complete outputs). Prints the counts per generator and exit code.
#
#   benchmarks/scripts/fuzz.sh [N_MATRIX] [N_CORPUS] [N_OPENERS]
#
# N_MATRIX (default 3000) matrix files through `persistence`, N_CORPUS (default 96000) corpus files through the
# corpus readers, N_OPENERS (default 1000) argument vectors plus N_OPENERS/4 tokenizer and N_OPENERS/10 model
# mutations. The defaults run 100,350 inputs (a command-line run costs ~50 ms in-process, a corpus read < 1 ms).
# The input being run is written to target/fuzz-trace.txt first, so a crash of the JVM names its input.
set -euo pipefail
cd "$(dirname "$0")/../.."
matrix=${1:-3000}
corpus=${2:-96000}
openers=${3:-1000}
report="$PWD/app/target/fuzz-report.txt"
mkdir -p app/target
rm -f "$report"
start=$(date +%s)
./mvnw -q -B -o test -pl app -am -Dtest='GarbageInputFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dattnplanes.fuzz.n="$matrix" -Dattnplanes.fuzz.corpus.n="$corpus" -Dattnplanes.fuzz.report="$report" >/dev/null
./mvnw -q -B -o test -pl app -am -Dtest='OpenerAndOptionFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dattnplanes.fuzz.n="$openers" -Dattnplanes.fuzz.report="$report" \
  -Dattnplanes.fuzz.trace="$PWD/app/target/fuzz-trace.txt" >/dev/null
cat "$report"
total=$(grep -o '^[^:]*: [0-9]* inputs' "$report" | grep -o '[0-9]* inputs' | awk '{s+=$1} END {print s}')
echo "total: $total inputs, every invariant held, $(( $(date +%s) - start )) s"
