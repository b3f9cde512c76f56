#!/usr/bin/env bash
# spark benchmark: `attnplanes spark-analyze --master local[2]` against `attnplanes analyze` (2 workers) on the same
# 2 cores and the same corpus, alternating A B A B; executor start-up (session + model open on the executors)
# reported separately; then a projection to 1 M sentences on 16/64/256 cores from the measured per-core rate.
#
#   ./mvnw -q -DskipTests install     (builds app/target and spark/target for the launcher)
#   benchmarks/scripts/spark-vs-analyze.sh [SENTENCES=2000] [RUNS=2]
#
# Corpus (benchmarks/scripts/corpus.py --all): distinct sentences (5..40 words) of /usr/share/common-licenses/* (Debian base-files), in file order,
# repeated until SENTENCES lines (792 distinct sentences; repeats cost the same as new text: nothing is cached).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}
RUNS=${2:-2}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PY" benchmarks/scripts/corpus.py "$N" --all > "$work/corpus.txt"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at start"
now() { date +%s.%N; }
./attnplanes analyze --text "Warm up." --out "$work/warm" --no-features > /dev/null   # model cache extracted once

for run in $(seq 1 "$RUNS"); do
  t0=$(now)
  ./attnplanes analyze --input "$work/corpus.txt" --workers 2 --out "$work/a$run" > "$work/a$run.log" 2>&1
  t1=$(now)
  ./attnplanes spark-analyze --input "$work/corpus.txt" --master 'local[2]' --conf spark.ui.enabled=false \
    --out "$work/s$run" > "$work/s$run.log" 2>&1
  t2=$(now)
  echo "$run $t0 $t1 $t2 $(cut -d' ' -f1 /proc/loadavg)" >> "$work/times"
done

"$PY" - "$work" "$N" <<'PYEOF'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
rows = [l.split() for l in open(work + "/times")]
per_core = []
print(f"{'run':>3} {'analyze s':>9} {'in-run/s':>8} {'spark s':>8} {'session':>7} {'probe':>6} {'rounds':>7} "
      f"{'tables':>6} {'in-run/s':>8} {'whole':>6} {'in-run':>6}  load")
for run, t0, t1, t2, load in rows:
    a = json.load(open(f"{work}/a{run}/provenance.json"))["run"]
    s = json.load(open(f"{work}/s{run}/provenance.json"))["run"]
    wa, ws = float(t1) - float(t0), float(t2) - float(t1)
    a_inrun = n / (a["seconds_this_run"] - a["seconds_model_load"])
    s_inrun = n / (s["seconds_rounds"] + s["seconds_tables"])   # after start-up: compute + commits + tables
    per_core.append(n / s["seconds_rounds"] / 2)
    stages = a["worker_seconds"]
    print(f"{run:>3} {wa:9.1f} {a_inrun:8.1f} {ws:8.1f} {s['seconds_session_start']:7.1f} "
          f"{s['seconds_model_open_probe']:6.1f} {s['seconds_rounds']:7.1f} {s['seconds_tables']:6.1f} "
          f"{s_inrun:8.1f} {wa / ws:6.2f} {s_inrun / a_inrun:6.2f}  {load}")
    print(f"    analyze worker seconds: capture {stages['capture']}, graph {stages['graph']}, "
          f"topology {stages['topology']}")
rate = sum(per_core) / len(per_core)
print("whole = throughput ratio spark/analyze, whole processes; in-run = the same after start-up (analyze: after"
      " model load; spark: rounds + tables, i.e. after session start and the executor probe)")
print(f"measured Spark rate per core (rounds only): {rate:.1f} sentences/s")
for cores in (16, 64, 256):
    print(f"  1 M MiniLM sentences on {cores:>3} cores: {1e6 / (rate * cores) / 60:7.1f} min of rounds")
PYEOF
