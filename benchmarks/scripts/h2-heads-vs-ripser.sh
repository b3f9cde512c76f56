#!/usr/bin/env bash
# Issue 16: H<=1 and H<=2 on real all-MiniLM-L6-v2 head planes (d = 1 - (A + A^T)/2, see HeadPlanesMain),
# ours vs Debian ripser 1.2.1, whole process vs whole process, for several token counts n.
#   per n: the layer-0 head 2 plane (the hardest head for ripser at 122 and 252 tokens), H<=1 and H<=2, ripser
#   and ours interleaved (wall, user+sys CPU, max RSS, identical bars checked when ripser finishes), then
#   all 72 head planes at H<=2 in one process of ours on 2 threads (planes in parallel).
#
#   N_LIST="32 64 128 252 384 512" RIPSER_TIMEOUT=600 benchmarks/scripts/h2-heads-vs-ripser.sh
#
# Needs: ripser, GNU time, the embedded model (first run downloads/caches it like the app does).
set -uo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
N_LIST=${N_LIST:-"32 64 128 252 384 512"}
RIPSER_TIMEOUT=${RIPSER_TIMEOUT:-600}
OURS_TIMEOUT=${OURS_TIMEOUT:-600}
HEAD=${HEAD:-L0H2}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
./mvnw -q -o -pl benchmarks -am package -DskipTests >/dev/null || exit 1
FULLCP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
CP="benchmarks/target/classes:topology/target/classes:graph-core/target/classes"
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
bars() { grep -v '^value range\|^distance matrix\|^sparse distance' "$1" | awk '/^persistence/ {d=$0; next} {print d "|" $0}' | sort; }
# timed LABEL OUTFILE TIMEOUT CMD... -> "wall cpu rss_MB" or "timeout"
timed() {
  local out=$1 to=$2; shift 2
  if timeout "$to" /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$out" 2>/dev/null; then
    awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$work/time"
  else
    echo "timeout(>${to}s) - -"
  fi
}
echo "java: $(java -version 2>&1 | head -1) $JAVA_OPTS; ripser $(dpkg-query -W -f='${Version}' ripser 2>/dev/null); $(nproc) cores; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-5s %-4s %-24s %-24s %-8s %-8s %s\n" n dim "ripser wall/cpu/MB" "ours wall/cpu/MB" wall_x cpu_x bars
for n in $N_LIST; do
  d="$work/heads$n"
  [ -f "$d/$HEAD.lower" ] || java -cp "$FULLCP" org.attnplanes.bench.persistence.HeadPlanesMain "$n" "$d" >/dev/null 2>&1
  for dim in 1 2; do
    r=$(timed "$work/r.out" "$RIPSER_TIMEOUT" ripser --format lower-distance --dim "$dim" "$d/$HEAD.lower")
    o=$(timed "$work/o.out" "$OURS_TIMEOUT" java $JAVA_OPTS -cp "$CP" org.attnplanes.bench.persistence.PersistenceMain --format lower-distance --dim "$dim" "$d/$HEAD.lower")
    read -r rw rc rm <<< "$r"; read -r ow oc om <<< "$o"
    if [[ $rw == timeout* ]]; then same="ripser unfinished; ours $(bars "$work/o.out" | wc -l)"; wx="-"; cx="-";
    else
      if diff -q <(bars "$work/r.out") <(bars "$work/o.out") >/dev/null; then same="identical($(bars "$work/o.out" | wc -l))"; else same="DIFFERENT"; fi
      wx=$(awk -v a="$rw" -v b="$ow" 'BEGIN{printf "%.1fx", a/b}'); cx=$(awk -v a="$rc" -v b="$oc" 'BEGIN{printf "%.1fx", a/b}')
    fi
    printf "%-5s %-4s %-24s %-24s %-8s %-8s %s\n" "$n" "$dim" "$rw/$rc/$rm" "$ow/$oc/$om" "$wx" "$cx" "$same"
  done
  a=$(timed "$work/all.out" "$OURS_TIMEOUT" java $JAVA_OPTS -cp "$CP" org.attnplanes.bench.persistence.AllPlanesMain --dim 2 --threads 2 "$d"/L*.lower)
  read -r aw ac am <<< "$a"
  echo "      all 72 heads H<=2, ours, 2 threads: wall ${aw} s, cpu ${ac} s, max RSS ${am} MB; load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "x = ripser / ours (> 1: we are faster); wall includes JVM start-up; load average shown (2 cores shared)"
