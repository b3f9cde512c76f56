#!/usr/bin/env bash
# Issue 16: the phases of a one-sentence `./attnplanes analyze` (whole process, JVM start included), with the
# launcher's AppCDS archive against the same launcher with ATTNPLANES_CDS=off, alternating, REPS runs each; and
# the bare JVM start (`java -Xshare:auto -version`) as the floor. The archive is made by a first run into a fresh
# folder (its cost is printed). Phases come from each run's provenance.json: model open (from the start of the
# command to the model being ready), capture, graph, topology, outputs; "JVM + CLI" is the rest of the wall time
# (JVM start, class loading, option parsing, exit).
#   ./mvnw -q -DskipTests install     (or: ./mvnw -q -o -pl app -am package -DskipTests)
#   benchmarks/scripts/one-sentence-phases.sh [REPS=7]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-7}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ATTNPLANES_CDS_DIR="$work/archives"
TEXT="The cat sat on the mat."
ATTNPLANES_CDS=off ./attnplanes analyze --text "Warm up." --out "$work/warm" > /dev/null   # model cache filled
echo "== $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e %U %S" -o "$work/t" ./attnplanes analyze --text "$TEXT" --out "$work/first" > /dev/null
awk '{printf "first run (writes the archive): wall %.2f s, CPU %.2f s\n", $1, $2 + $3}' "$work/t"
ls "$work/archives"/analyze-*.jsa > /dev/null
# run LABEL [env...]: one whole-process run; appends "wall cpu this_run load capture graph topology outputs"
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/t" env "$@" ./attnplanes analyze --text "$TEXT" --out "$work/o" \
    --overwrite > /dev/null
  "$PY" - "$work/t" "$work/o/provenance.json" >> "$work/$label" <<'PYEOF'
import json, sys
wall, user, sys_ = map(float, open(sys.argv[1]).read().split()[:3])
r = json.load(open(sys.argv[2]))["run"]
w = r["worker_seconds"]
print(wall, user + sys_, r["seconds_this_run"], r["seconds_model_load"], w["capture"], w["graph"], w["topology"],
      r["seconds_outputs"])
PYEOF
}
: > "$work/off"; : > "$work/cds"; : > "$work/jvm"
for r in $(seq "$REPS"); do
  run off ATTNPLANES_CDS=off
  run cds ATTNPLANES_CDS=on
  /usr/bin/time -f "%e %U %S" -o "$work/t" java -Xshare:auto -version 2> /dev/null
  awk '{print $1, $2 + $3}' "$work/t" >> "$work/jvm"
done
"$PY" - "$work/off" "$work/cds" "$work/jvm" <<'PYEOF'
import statistics, sys
def rows(f):
    return [list(map(float, l.split())) for l in open(f) if l.strip()]
off, cds, jvm = rows(sys.argv[1]), rows(sys.argv[2]), rows(sys.argv[3])
def med(rs, i):
    return statistics.median(r[i] for r in rs)
def phases(rs):
    # JVM + CLI = wall - seconds_this_run (the command's own time, up to provenance.json)
    return {"wall": med(rs, 0), "CPU (user+sys)": med(rs, 1), "JVM start + classes + CLI": med([[r[0] - r[2]] for r in rs], 0),
            "model open": med(rs, 3), "capture": med(rs, 4), "graph": med(rs, 5), "topology": med(rs, 6),
            "outputs": med(rs, 7)}
a, b = phases(off), phases(cds)
print(f"medians of {len(off)} alternating runs (seconds)")
print(f"{'phase':28s} {'no archive':>11s} {'AppCDS':>8s} {'ratio':>6s}")
for k in a:
    ratio = b[k] / a[k] if a[k] > 0 else float("nan")
    print(f"{k:28s} {a[k]:11.3f} {b[k]:8.3f} {ratio:6.2f}")
print(f"{'bare JVM (java -version)':28s} {med(jvm, 0):11.3f}   (CPU {med(jvm, 1):.3f})")
print("walls, no archive:", " ".join(f"{r[0]:.2f}" for r in off))
print("walls, AppCDS:    ", " ".join(f"{r[0]:.2f}" for r in cds))
PYEOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
