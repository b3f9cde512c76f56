#!/usr/bin/env bash
# research-feature benchmarks (issue 17), ratios in one run:
#   1. MTop-Div, all 144 heads of a 12 x 12 decoder-shaped input of 512 tokens (prompt 384 + response 128):
#      our spanning-forest computation vs the published route (build the distance matrix, run an H0 persistence
#      computation; here with our own RipsPersistence(0), which is Ripser's H0 algorithm), CPU ms per input.
#   2. Cross-barcodes H0-H1 of pairs of 128-token planes (256-point cross-filtration): ours (CrossBarcodes) vs
#      the published RTD code path (rtd/barcodes.py calc_embed_dist, NumPy) with ripser++ replaced by the CPU
#      ripser binary (no GPU here), CPU ms per pair; the bar counts must agree.
#
#   ./mvnw -q -o -pl benchmarks -am package -DskipTests
#   benchmarks/scripts/research-vs-published.sh [PAIRS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS=${1:-5}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar=benchmarks/target/attnplanes-benchmarks-0.1.0-SNAPSHOT.jar
cp="$jar:$(cat benchmarks/target/classpath.txt)"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (shared; CPU times reported)"
java ${JAVA_OPTS:-} -cp "$cp" org.attnplanes.bench.research.ResearchMain mtopdiv 512 384 10
java ${JAVA_OPTS:-} -cp "$cp" org.attnplanes.bench.research.ResearchMain cross 128 "$PAIRS" 8 "$work/cross.bin" | tee "$work/ours.txt"
"$PY" benchmarks/scripts/rtd_published.py "$work/cross.bin" 3 | tee "$work/peer.txt"
"$PY" - "$work" <<'PYEOF'
import re, sys, os
w = sys.argv[1]
ours = open(os.path.join(w, "ours.txt")).read()
peer = open(os.path.join(w, "peer.txt")).read()
o = float(re.search(r"later passes median ([0-9.]+) ms per pair", ours).group(1))
p = float(re.search(r"median ([0-9.]+) ms CPU per pair", peer).group(1))
co = re.search(r"per pair: (.*)", ours).group(1).split()
cp = re.search(r"per pair: (.*)", peer).group(1).split()
print("cross-barcodes: published path / ours = %.1fx (warm); bar counts %s" % (p / o, "agree" if [c.split('/')[1] for c in co] == [c.split('/')[1] for c in cp] else "DIFFER: %s vs %s" % (co, cp)))
PYEOF
