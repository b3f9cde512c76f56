#!/usr/bin/env bash
# Our persistence engine vs Debian's ripser 1.2.1: whole process vs whole process on identical input files
# (seeded), outputs checked for identical barcodes, wall and CPU (user+sys) time, median of REPS runs.
#
#   benchmarks/scripts/persistence-vs-ripser.sh            # all cases, 3 reps
#   REPS=1 CASES="attention:100:2" benchmarks/scripts/persistence-vs-ripser.sh
#
# Needs: ripser, python3, GNU time (/usr/bin/time). Builds topology + benchmarks classes (no install).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
REPS=${REPS:-3}
CASES=${CASES:-"points:400:2 points:800:2 attention:100:2 attention:200:1 uniform:200:1"}
# C1 only: the JIT compiles less, which pays on a 2-core box for runs of a few seconds (measured both ways)
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
command -v ripser >/dev/null || { echo "ripser not found (apt-get install ripser)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) not found" >&2; exit 2; }
./mvnw -q -o -pl benchmarks -am compile >/dev/null
CP="benchmarks/target/classes:topology/target/classes:graph-core/target/classes"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# run_timed OUTFILE CMD... -> prints "wall cpu maxrss_kb"
run_timed() {
  local out=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$out"
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time"
}

bars() { grep -v '^value range\|^distance matrix\|^sparse distance' "$1" | awk '/^persistence/ {d=$0; next} {print d "|" $0}' | sort; }

echo "java: $(java -version 2>&1 | head -1) $JAVA_OPTS; ripser: $(dpkg-query -W -f='${Version}' ripser 2>/dev/null || echo '?'); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-16s %4s %10s %10s %8s %10s %10s %8s %9s %s\n" case dim ripser_wall ours_wall ratio ripser_cpu ours_cpu ratio ours_MB bars
status=0
for c in $CASES; do
  IFS=: read -r kind n dim <<< "$c"
  in="$work/$kind$n.txt"
  python3 benchmarks/scripts/gen_dist.py "$n" "$kind" 1 > "$in"
  rw=(); rc=(); ow=(); oc=(); om=()
  for r in $(seq "$REPS"); do
    read -r w cpu m < <(run_timed "$work/ripser.out" ripser --format lower-distance --dim "$dim" "$in")
    rw+=("$w"); rc+=("$cpu")
    read -r w cpu m < <(run_timed "$work/ours.out" java $JAVA_OPTS -cp "$CP" org.attnplanes.bench.persistence.PersistenceMain --format lower-distance --dim "$dim" "$in")
    ow+=("$w"); oc+=("$cpu"); om+=("$m")
  done
  if diff -q <(bars "$work/ripser.out") <(bars "$work/ours.out") >/dev/null; then same="identical($(bars "$work/ours.out" | wc -l))"; else same="DIFFERENT"; status=1; fi
  mrw=$(printf '%s\n' "${rw[@]}" | median); mow=$(printf '%s\n' "${ow[@]}" | median)
  mrc=$(printf '%s\n' "${rc[@]}" | median); moc=$(printf '%s\n' "${oc[@]}" | median)
  mom=$(printf '%s\n' "${om[@]}" | median)
  printf "%-16s %4s %10s %10s %8s %10s %10s %8s %9s %s\n" "$kind n=$n" "$dim" "$mrw" "$mow" \
    "$(awk -v a="$mrw" -v b="$mow" 'BEGIN{printf "%.2fx", a/b}')" "$mrc" "$moc" \
    "$(awk -v a="$mrc" -v b="$moc" 'BEGIN{printf "%.2fx", a/b}')" "$((mom / 1024))" "$same"
done
echo "ratio = ripser time / our time (> 1: we are faster); median of $REPS runs; wall includes JVM start-up."
exit $status
