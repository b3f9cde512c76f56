#!/usr/bin/env bash
# Issue 16, "Scaling": how each stage grows with the token count n (all-MiniLM-L6-v2 on a prose text cut to exactly
# n tokens), ours and the peer or baseline in the same run, with the fitted log-log exponents:
#   capture vs the plain model file; graph build (72 per-head planes) vs copying the planes; H<=1 and H<=2 of head
#   L0H2 vs ripser; clique counts of every size on 72 planes x 4 thresholds vs networkx enumerate_all_cliques; max RSS
#   of the persistence processes vs ripser; heap allocated by capture vs the plain model. Bars and clique counts are
#   compared with the peers' (exit 1 if any differ). The peers run under a CPU-time limit of PEER_CPU seconds
#   (RLIMIT_CPU, default 600: the verdict holds on a loaded machine) and a memory cap of PEER_MEMORY_GIB GiB
#   (RLIMIT_AS, default 16); the table says which limit stopped a run, with its CPU seconds and max RSS at the stop,
#   and ripser is then not run at larger n for that dimension.
# Writes scaling.md (table), scaling.tsv and scaling.svg (log-log plot) into OUT and prints the table.
# See org.attnplanes.bench.scaling.ScalingMain for the method. Up to ~15 min of CPU (ripser H<=2 at n = 252 may use
# its whole 10 CPU minutes).
#
#   benchmarks/scripts/scaling.sh                  # n = 32,64,128,252,384,512 -> benchmarks/results/scaling.*
#   N_LIST=32,64,128 REPS=3 PEER_CPU=60 OUT=/tmp/s benchmarks/scripts/scaling.sh
#
# Needs: ripser and networkx for ATTNPLANES_PYTHON (default /usr/bin/python3; Debian ripser, python3-networkx).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o -pl benchmarks -am package -DskipTests
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
# the launcher's batch flags (C1, serial collector), as `analyze` and `persistence` run
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx3g -cp "$CP" org.attnplanes.bench.scaling.ScalingMain \
  --out "${OUT:-benchmarks/results}" --n "${N_LIST:-32,64,128,252,384,512}" --reps "${REPS:-7}" \
  --peer-cpu "${PEER_CPU:-600}" --peer-memory-gib "${PEER_MEMORY_GIB:-16}"
