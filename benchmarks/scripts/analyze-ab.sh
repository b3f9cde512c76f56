#!/usr/bin/env bash
# Issue 16, A/B of the whole `analyze` of N sentences: the launcher of git revision REV (A, built into a temporary
# folder, or an already built checkout given as A_DIR) against this working tree's (B), whole processes with the
# launcher's own JVM flags, alternating A B B' per round, REPS rounds, where B' is B's capture-only pass
# (`analyze --stats none`). Reports wall and CPU (user + sys) medians, A/B, capture-only / full for B, the
# worker and output seconds of the last runs' provenance.json, and whether A and B wrote byte-identical planes.csv
# and barcodes.json.
#   ./mvnw -q -o -pl app -am package -DskipTests
#   benchmarks/scripts/analyze-ab.sh [REV=main] [N=200] [REPS=5] [JOIN=1]  (A_DIR=/path/to/built/checkout to reuse A)
# JOIN > 1 joins every JOIN consecutive sentences into one input (`--truncate` on every run), as analyze-vs-capture-only.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
REV=${1:-main}
N=${2:-200}
REPS=${3:-5}
JOIN=${4:-1}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
A=${A_DIR:-}
if [ -z "$A" ]; then
  A="$work/a"
  mkdir -p "$A"
  git archive "$REV" | tar -x -C "$A"
  (cd "$A" && ./mvnw -q -B -o package -DskipTests -pl app -am > "$work/build.log" 2>&1) \
    || { cat "$work/build.log" >&2; echo "cannot build $REV" >&2; exit 1; }
fi
"$PY" benchmarks/scripts/corpus.py "$N" | paste -d' ' $(printf -- '- %.0s' $(seq "$JOIN")) > "$work/corpus.txt"
truncate=""
[ "$JOIN" = 1 ] || truncate="--truncate"
for l in "$A/attnplanes" ./attnplanes; do   # AppCDS archives and the model cache made outside the runs
  "$l" analyze --text "Warm up." --out "$work/warm" --overwrite > /dev/null
done
echo "== A = $REV ($A), B = working tree $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes); $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
t() { /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
      awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/t"; }
: > "$work/A"; : > "$work/B"; : > "$work/N"
for r in $(seq "$REPS"); do
  rm -rf "$work/outA" "$work/outB" "$work/outN"
  t "$A/attnplanes" analyze $truncate --input "$work/corpus.txt" --out "$work/outA" >> "$work/A"
  t ./attnplanes analyze $truncate --input "$work/corpus.txt" --out "$work/outB" >> "$work/B"
  t ./attnplanes analyze $truncate --stats none --input "$work/corpus.txt" --out "$work/outN" >> "$work/N"
done
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
row() { printf "%-34s wall %s s, median %s s; CPU median %s s\n" "$1" "$(cut -d' ' -f1 "$2" | tr '\n' ' ')" \
  "$(cut -d' ' -f1 "$2" | med)" "$(cut -d' ' -f2 "$2" | med)"; }
row "A full analyze ($REV)" "$work/A"
row "B full analyze (working tree)" "$work/B"
row "B analyze --stats none" "$work/N"
aw=$(cut -d' ' -f1 "$work/A" | med); ac=$(cut -d' ' -f2 "$work/A" | med)
bw=$(cut -d' ' -f1 "$work/B" | med); bc=$(cut -d' ' -f2 "$work/B" | med)
nw=$(cut -d' ' -f1 "$work/N" | med); nc=$(cut -d' ' -f2 "$work/N" | med)
awk -v aw="$aw" -v ac="$ac" -v bw="$bw" -v bc="$bc" -v nw="$nw" -v nc="$nc" 'BEGIN {
  printf "B / A: wall %.2f, CPU %.2f\n", bw / aw, bc / ac
  printf "capture-only / full: A wall %.2f, CPU %.2f; B wall %.2f, CPU %.2f (goal >= 0.8)\n", nw / aw, nc / ac, nw / bw, nc / bc }'
for f in planes.csv barcodes.json; do
  if cmp -s "$work/outA/$f" "$work/outB/$f"; then echo "$f: A and B byte-identical"; else echo "$f: A and B DIFFER"; fi
done
"$PY" - "$work/outA/provenance.json" "$work/outB/provenance.json" "$work/outN/provenance.json" <<'PYEOF'
import json, sys
for name, f in zip(("A", "B", "B --stats none"), sys.argv[1:]):
    r = json.load(open(f))["run"]
    print(f"last run {name}: outputs {r['seconds_outputs']:.2f} s; worker seconds " +
          ", ".join(f"{k} {v:.2f}" for k, v in r["worker_seconds"].items()))
PYEOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
