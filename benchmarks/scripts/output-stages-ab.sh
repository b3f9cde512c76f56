#!/usr/bin/env bash
# Issue 16, A/B of what a full `analyze` costs after the statistics (OutputStagesMain: checkpoint parts of every batch,
# planes.csv and barcodes.json with and without their SHA-256, on the rows of the 200-sentence corpus), thread CPU
# under the launcher's flags: this working tree's benchmark classes with the project jars of A (an already built
# checkout, A_DIR) and of B (this tree), alternating A and B in fresh JVMs, REPS times, ROUNDS rounds each (round 0
# is the cold one, as in a 2-second run; the last round is printed).
#   ./mvnw -q -o -pl benchmarks -am package -DskipTests        (here and in A_DIR)
#   A_DIR=/path/to/built/checkout benchmarks/scripts/output-stages-ab.sh [REPS=3] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-3}
ROUNDS=${2:-3}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
A=${A_DIR:?set A_DIR to a built checkout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" benchmarks/scripts/corpus.py 200 > "$work/corpus.txt"
here=$(pwd)
cpB="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
cpA="benchmarks/target/classes:$(sed "s#$here/#$A/#g" benchmarks/target/classpath.txt)"
echo "== A = $A, B = working tree $(git rev-parse --short HEAD); $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$REPS"); do
  for side in A B; do
    cp=$cpB; [ "$side" = A ] && cp=$cpA
    mkdir -p "$work/$side$r"
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" org.attnplanes.bench.corpus.OutputStagesMain \
        "$work/corpus.txt" "$ROUNDS" "$work/$side$r" 2>/dev/null \
      | awk -v s="$side" -v first=0 -v last="round $((ROUNDS - 1))" '
          /^round 0/ {cold=1; next} /^round/ {cold=0; if ($0 == last) on=1; next}
          cold && /ms$/ {sub(/^ +/, ""); print s, "cold", $0}
          on && /ms$/ {sub(/^ +/, ""); print s, "warm", $0}' >> "$work/all"
  done
done
"$PY" - "$work/all" <<'PYEOF'
import sys, re, statistics, collections
v = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, kind, rest = line.split(" ", 2)
    m = re.match(r"(.*?)\s+([\d.]+) ms$", rest.strip())
    v[(kind, m.group(1))].append((side, float(m.group(2))))
for (kind, stage), xs in v.items():
    a = statistics.median(x for s, x in xs if s == "A"); b = statistics.median(x for s, x in xs if s == "B")
    print(f"{kind:4} {stage:40} A {a:7.1f} ms  B {b:7.1f} ms  B/A {b / a:5.2f}")
PYEOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
