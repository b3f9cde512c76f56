#!/usr/bin/env bash
# Issue 16: full `analyze` of N sentences against the capture-only pass `analyze --stats none` over the same corpus
# (same launcher, JVM flags, model, batching by length, workers, graphs, checkpoints and publication; no statistics),
# whole processes, alternating, REPS times each; reports wall and CPU (user + sys) medians, the ratio
# capture-only / full (goal >= 0.8: statistics cost <= 25 % on top of the forward passes), and the stage seconds
# of the last runs' provenance.json (worker seconds, model load and output seconds).
#   ./mvnw -q -o -pl app -am package -DskipTests
#   benchmarks/scripts/analyze-vs-capture-only.sh [N=200] [REPS=3] [JOIN=1]
# JOIN > 1 joins every JOIN consecutive sentences into one input (N / JOIN inputs, `--truncate` on both sides):
# JOIN=8 with N=352 gives 44 paragraph-length inputs of 146-405 tokens (median 207).
# FULL_ARGS adds options to the full side only, e.g. FULL_ARGS=--no-features: the statistics without the Kushnareva
# et al. features against the same capture-only pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200}
REPS=${2:-3}
JOIN=${3:-1}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" benchmarks/scripts/corpus.py "$N" | paste -d' ' $(printf -- '- %.0s' $(seq "$JOIN")) > "$work/corpus.txt"
truncate=""
read -r -a full_args <<< "${FULL_ARGS:-}"
[ "$JOIN" = 1 ] || truncate="--truncate"
./attnplanes analyze --text "Warm up." --out "$work/warm" > /dev/null   # model cache filled outside the runs
echo "== $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
t() { /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
      awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/t"; }
: > "$work/full"; : > "$work/cap"
for r in $(seq "$REPS"); do
  t ./attnplanes analyze $truncate ${full_args[@]+"${full_args[@]}"} --input "$work/corpus.txt" --out "$work/full$r" >> "$work/full"
  t ./attnplanes analyze $truncate --stats none --input "$work/corpus.txt" --out "$work/cap$r" >> "$work/cap"
done
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fw=$(cut -d' ' -f1 "$work/full" | med); fc=$(cut -d' ' -f2 "$work/full" | med)
cw=$(cut -d' ' -f1 "$work/cap" | med); cc=$(cut -d' ' -f2 "$work/cap" | med)
echo "full analyze (${FULL_ARGS:-default statistics}), $N sentences$( [ "$JOIN" = 1 ] || echo " as $(wc -l < "$work/corpus.txt") inputs of $JOIN"): wall $(tr '\n' ' ' < "$work/full" | awk '{for(i=1;i<=NF;i+=2) printf "%s ", $i}')s, median wall $fw s, CPU $fc s"
echo "analyze --stats none (capture-only pass):          wall $(tr '\n' ' ' < "$work/cap" | awk '{for(i=1;i<=NF;i+=2) printf "%s ", $i}')s, median wall $cw s, CPU $cc s"
awk -v a="$cw" -v b="$fw" -v c="$cc" -v d="$fc" 'BEGIN{printf "capture-only / full: wall %.2f, CPU %.2f (goal >= 0.8)\n", a/b, c/d}'
"$PY" - "$work/full$REPS/provenance.json" "$work/cap$REPS/provenance.json" <<'PYEOF'
import json, sys
for name, f in zip(("full", "--stats none"), sys.argv[1:]):
    run = json.load(open(f))["run"]
    w = run["worker_seconds"]
    print(f"worker seconds, {name}: " + ", ".join(f"{k} {v:.2f}" for k, v in w.items())
          + f"; model load {run['seconds_model_load']:.2f} s, outputs {run['seconds_outputs']:.2f} s (wall)")
PYEOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
