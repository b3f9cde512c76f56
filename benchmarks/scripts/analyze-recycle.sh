#!/usr/bin/env bash
# Issue 16, capture: what recycling plane arrays saves on the path `analyze` really takes, whole processes:
# `analyze --stats none` (capture + graph, no statistics) over N sentences of the benchmark corpus (corpus.py:
# mixed lengths, batched by length as analyze does), with the planes recycled (the default: AttentionModel's
# consumer capture leases them from its PlanePool) against the same run with -Dattnplanes.capture.recycle=false
# (the consumer capture allocates fresh arrays, as capture(texts) does), alternating, REPS times each, same
# launcher flags. Reports CPU (user + sys) and wall medians, the ratio recycled / allocating, and the capture
# stage's worker seconds from provenance.json. JOIN > 1 joins every JOIN consecutive sentences into one input
# (long inputs, cut at the model's 512 tokens with --truncate). The run stops if the two write different rows.
# B_OPTS replaces the compared run's JVM options (default -Dattnplanes.capture.recycle=false), e.g.
# B_OPTS=-Dattnplanes.capture.copyThreads=0 compares spreading the plane copy over the cores with copying every
# plane on the worker's own thread.
#   ./mvnw -q -o -pl app -am package -DskipTests
#   [B_OPTS=...] benchmarks/scripts/analyze-recycle.sh [N=200] [REPS=7] [BATCH=8] [JOIN=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200}
REPS=${2:-7}
BATCH=${3:-8}
JOIN=${4:-1}
B_OPTS=${B_OPTS:--Dattnplanes.capture.recycle=false}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" benchmarks/scripts/corpus.py "$N" | paste -d' ' $(printf -- '- %.0s' $(seq "$JOIN")) > "$work/corpus.txt"
truncate=""
[ "$JOIN" = 1 ] || truncate="--truncate"
./attnplanes analyze --text "Warm up." --out "$work/warm" > /dev/null   # model cache and CDS archive outside the runs
echo "== $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg); A = launcher defaults, B = $B_OPTS"
run() {   # run <label> <java opts>: appends "wall cpu capture_seconds" to $work/<label>
  local out="$work/$1.$r"
  ATTNPLANES_JAVA_OPTS="$2" /usr/bin/time -f "%e %U %S" -o "$work/t" ./attnplanes analyze --stats none \
      --batch "$BATCH" $truncate --input "$work/corpus.txt" --out "$out" > /dev/null 2> "$work/err" \
      || { cat "$work/err" >&2; exit 1; }
  cap=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["run"]["worker_seconds"]["capture"])' \
      "$out/provenance.json")
  awk -v c="$cap" '{printf "%.2f %.2f %s\n", $1, $2 + $3, c}' "$work/t" >> "$work/$1"
  if [ -e "$work/planes.first" ]; then   # recycled and allocating runs must write the same rows
    cmp -s "$out/planes.csv" "$work/planes.first" || { echo "planes.csv of run $1.$r differs" >&2; exit 1; }
  else
    cp "$out/planes.csv" "$work/planes.first"
  fi
  rm -rf "$out"
}
: > "$work/A"; : > "$work/B"
for r in $(seq "$REPS"); do
  if [ $((r % 2)) = 1 ]; then run A ""; run B "$B_OPTS"
  else run B "$B_OPTS"; run A ""; fi
done
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for k in A B; do
  echo "$k: wall $(cut -d' ' -f1 "$work/$k" | tr '\n' ' ')| CPU $(cut -d' ' -f2 "$work/$k" | tr '\n' ' ')| capture stage s $(cut -d' ' -f3 "$work/$k" | tr '\n' ' ')"
done
rw=$(cut -d' ' -f1 "$work/A" | med); aw=$(cut -d' ' -f1 "$work/B" | med)
rc=$(cut -d' ' -f2 "$work/A" | med); ac=$(cut -d' ' -f2 "$work/B" | med)
rs=$(cut -d' ' -f3 "$work/A" | med); as=$(cut -d' ' -f3 "$work/B" | med)
echo "medians, A vs B: wall $rw / $aw s, CPU $rc / $ac s, capture stage $rs / $as s"
awk -v a="$rw" -v b="$aw" -v c="$rc" -v d="$ac" -v e="$rs" -v f="$as" \
    'BEGIN{printf "A / B (with the defaults, B without recycling: recycled / allocating): wall %.2f, CPU %.2f, capture stage %.2f\n", a/b, c/d, e/f}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
