#!/usr/bin/env bash
# topology benchmark: per-plane analysis on REAL small planes (all-MiniLM-L6-v2 heads of license sentences) vs
# GUDHI on the same planes, first pass (fresh JVM) and warm.
#
#   ./mvnw -q -o -pl benchmarks -am package -DskipTests
#   benchmarks/scripts/small-planes-vs-gudhi.sh [SENTENCES=64] [PASSES=12]
#   OLD_TOPOLOGY_JAR=/path/attnplanes-topology-old.jar benchmarks/scripts/small-planes-vs-gudhi.sh   # + before
#   JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ...   # the JVM flags of the ./attnplanes launcher
#
# Ours:  org.attnplanes.bench.topology.SmallPlanesMain in a fresh JVM, one thread: captures the sentences, then
#        per plane Filtration.fromPlane, RipsPersistence(1), clique counts (k <= 4) at 5 thresholds, the
#        Kushnareva threshold-graph features and pattern distances; pass 1 (cold: class loading, interpreter,
#        JIT) and the best of the later passes (warm), in µs per plane. It exports the planes' float32
#        filtration values 1 - w and our H1 bar counts.
# Peer:  /usr/bin/python3 + GUDHI RipsComplex + SimplexTree persistence (H0-H1, Z/2) per plane on the same
#        float32 values (GUDHI computes persistence only: no Betti numbers, cliques or features), in-process
#        timing without Python start or file reading; checks our H1 bar counts (bars longer than 1e-6).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-64}
PASSES=${2:-12}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar=benchmarks/target/attnplanes-benchmarks-0.1.0-SNAPSHOT.jar
cp="$jar:$(cat benchmarks/target/classpath.txt)"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (shared; numbers are noisy)"
java ${JAVA_OPTS:-} -cp "$cp" org.attnplanes.bench.topology.SmallPlanesMain "$N" "$PASSES" "$work/planes.bin" 2>/dev/null \
    | tee "$work/ours.txt"
if [ -n "${OLD_TOPOLOGY_JAR:-}" ]; then
  old_cp=$(echo "$cp" | sed -E "s#[^:]*/attnplanes-topology-[^:]*\.jar#${OLD_TOPOLOGY_JAR}#")
  echo "== before (topology jar $OLD_TOPOLOGY_JAR):"
  java ${JAVA_OPTS:-} -cp "$old_cp" org.attnplanes.bench.topology.SmallPlanesMain "$N" "$PASSES" 2>/dev/null | tee "$work/old.txt"
fi
"$PY" benchmarks/scripts/small_planes_gudhi.py "$work/planes.bin" 3 | tee "$work/gudhi.txt"
"$PY" - "$work" <<'PYEOF'
import os, re, sys
w = sys.argv[1]
def stages(path, prefix):
    for line in open(path):
        if line.startswith(prefix):
            return {k: float(v) for k, v in re.findall(r"(\w+) ([0-9.]+)", line.split(":", 1)[1])}
g = open(os.path.join(w, "gudhi.txt")).read()
g1, gw = (float(x) for x in re.search(r"pass 1 ([0-9.]+), later passes \(median\) ([0-9.]+)", g).groups())
for name, path in (("ours", "ours.txt"), ("before", "old.txt")):
    p = os.path.join(w, path)
    if not os.path.exists(p):
        continue
    first, warm = stages(p, "pass 1,"), stages(p, "best of")
    print(f"{name}: persistence {first['persistence']:.1f} us first pass / {warm['persistence']:.1f} us warm; "
          f"whole per-plane analysis {first['total']:.1f} / {warm['total']:.1f} us")
    print(f"  ratio GUDHI persistence / ours persistence: {g1 / first['persistence']:.1f}x first pass, "
          f"{gw / warm['persistence']:.1f}x warm")
    print(f"  ratio GUDHI persistence / ours whole analysis: {g1 / first['total']:.1f}x first pass, "
          f"{gw / warm['total']:.1f}x warm")
PYEOF
