#!/usr/bin/env bash
# Issue 16, start-up of `gui` and `spark-analyze` with the launcher's AppCDS archive against the same launcher with
# ATTNPLANES_CDS=off, whole processes, alternating, REPS runs each (medians); each archive is made first by one run
# into a fresh folder (its cost is printed).
#   gui:           time to the first frame of the window (-Dattnplanes.gui.exitAfterFirstFrame=true: the app prints
#                  the time since its process start when the pulse after the first frame begins, then closes as the
#                  close button would), and the whole process (launcher to exit): wall and CPU. Runs under
#                  xvfb-run when DISPLAY is not set.
#   spark-analyze: one sentence, --master local[2], Spark UI off: time to the first (and only) result = the whole
#                  process wall, its CPU, and the job's own seconds from its summary line (Spark session start, rounds).
#   ./mvnw -q -DskipTests install     (or: ./mvnw -q -o package -DskipTests: app/target and spark/target)
#   benchmarks/scripts/startup-cds.sh [REPS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi
REPS=${1:-5}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ATTNPLANES_CDS_DIR="$work/archives"
FRAME="-Dprism.forceGPU=true -Dattnplanes.gui.exitAfterFirstFrame=true"   # forceGPU: Mesa under Xvfb, as the GUI tests
echo "The cat sat on the mat." > "$work/one.txt"
ATTNPLANES_CDS=off ./attnplanes analyze --text "Warm up." --out "$work/warm" > /dev/null   # model cache filled
echo "== $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# gui MODE: appends "wall cpu first_frame_s" to $work/gui-MODE
gui() {
  /usr/bin/time -f "%e %U %S" -o "$work/t" env ATTNPLANES_CDS="$1" ATTNPLANES_JAVA_OPTS="$FRAME" ./attnplanes gui \
    > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  f=$(sed -nE 's/^attnplanes gui: first frame ([0-9]+) ms.*/\1/p' "$work/err")
  [ -n "$f" ] || { echo "gui printed no first-frame line:" >&2; cat "$work/err" >&2; exit 1; }
  awk -v f="$f" '{printf "%s %.2f %.3f\n", $1, $2 + $3, f / 1000}' "$work/t" >> "$work/gui-$1"
}
# spark MODE: appends "wall cpu job_s session_s" to $work/spark-MODE
spark() {
  rm -rf "$work/s"
  /usr/bin/time -f "%e %U %S" -o "$work/t" env ATTNPLANES_CDS="$1" ./attnplanes spark-analyze --input "$work/one.txt" \
    --master 'local[2]' --conf spark.ui.enabled=false --out "$work/s" > "$work/out" 2> "$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  j=$(sed -nE 's/.* rows in ([0-9.]+) s \(session ([0-9.]+) s.*/\1 \2/p' "$work/out" "$work/err" | head -1)
  awk -v j="$j" '{printf "%s %.2f %s\n", $1, $2 + $3, j}' "$work/t" >> "$work/spark-$1"
}
for c in gui spark; do
  "$c" on; mv "$work/$c-on" "$work/$c-first"
  ls "$work/archives"/*.jsa > /dev/null
done
awk '{printf "first gui run (writes the archive): wall %.2f s, CPU %.2f s\n", $1, $2}' "$work/gui-first"
awk '{printf "first spark-analyze run (writes the archive): wall %.2f s, CPU %.2f s\n", $1, $2}' "$work/spark-first"
ls -l "$work/archives" | awk 'NR > 1 {printf "archive %s: %.0f MB\n", $NF, $5 / 1048576}'
for r in $(seq "$REPS"); do
  gui off; gui on; spark off; spark on
done
"$PY" - "$work" "$REPS" <<'PYEOF'
import statistics, sys
w, reps = sys.argv[1], sys.argv[2]
def col(f, i):
    return statistics.median(float(l.split()[i]) for l in open(f) if l.strip())
print(f"medians of {reps} alternating runs each, seconds; load at the end: {open('/proc/loadavg').read().split()[0]}")
print(f"{'':44s} {'no archive':>10s} {'AppCDS':>8s} {'ratio':>6s}")
for label, f, i in (("gui: first frame (from process start)", "gui", 2), ("gui: whole process wall (to exit)", "gui", 0),
                    ("gui: CPU (user+sys)", "gui", 1), ("spark-analyze: wall = first result", "spark", 0),
                    ("spark-analyze: CPU (user+sys)", "spark", 1), ("spark-analyze: Spark session start", "spark", 3),
                    ("spark-analyze: job's own seconds", "spark", 2)):
    a, b = col(f"{w}/{f}-off", i), col(f"{w}/{f}-on", i)
    print(f"{label:44s} {a:10.2f} {b:8.2f} {b / a:6.2f}")
PYEOF
