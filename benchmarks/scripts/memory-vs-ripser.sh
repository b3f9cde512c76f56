#!/usr/bin/env bash
# Issue 16: peak memory (max RSS, whole process) of ours vs Debian ripser 1.2.1 on Ripser's own examples, with the
# dimensions/thresholds of its benchmarks, interleaved, identical bars checked.
#   benchmarks/scripts/memory-vs-ripser.sh /path/to/ripser/examples     # a checkout of github.com/Ripser/ripser
# JAVA_OPTS sets our JVM flags (default: serial GC, C1 only, default heap).
set -uo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
EX=${1:?usage: memory-vs-ripser.sh RIPSER_EXAMPLES_DIR}
REPS=${REPS:-2}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
./mvnw -q -o -pl benchmarks -am compile >/dev/null || exit 1
CP="benchmarks/target/classes:topology/target/classes:graph-core/target/classes"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
bars() { grep -v '^value range\|^distance matrix\|^sparse distance\|^point cloud' "$1" | awk '/^persistence/ {d=$0; next} {print d "|" $0}' | sort; }
run() { local out=$1; shift; /usr/bin/time -f "%e %M" -o "$work/t" "$@" > "$out" 2>/dev/null; tail -n 1 "$work/t" | awk '{printf "%s %.0f", $1, $2 / 1024}'; }
echo "java: $(java -version 2>&1 | head -1) $JAVA_OPTS; ripser $(dpkg-query -W -f='${Version}' ripser 2>/dev/null); load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-40s %-10s %-10s %-9s %-10s %-8s %s\n" case ripser_s ours_s ripser_MB ours_MB mem_x bars
for c in "rp2_600.lower_distance_matrix.csv:lower-distance:1:" "sphere_3_192.lower_distance_matrix:lower-distance:2:" \
         "o3_1024.txt:point-cloud:3:1.8"; do
  IFS=: read -r f fmt dim t <<< "$c"
  T=${t:+--threshold $t}
  for r in $(seq "$REPS"); do
    read -r rs rm <<< "$(run "$work/r.out" ripser --format "$fmt" --dim "$dim" $T "$EX/$f")"
    read -r os om <<< "$(run "$work/o.out" java $JAVA_OPTS -cp "$CP" org.attnplanes.bench.persistence.PersistenceMain --format "$fmt" --dim "$dim" $T "$EX/$f")"
    if diff -q <(bars "$work/r.out") <(bars "$work/o.out") >/dev/null; then same="identical($(bars "$work/o.out" | wc -l))"; else same=DIFFERENT; fi
    printf "%-40s %-10s %-10s %-9s %-10s %-8s %s\n" "$f dim<=$dim ${t:+t=$t}" "$rs" "$os" "$rm" "$om" \
      "$(awk -v a="$om" -v b="$rm" 'BEGIN{printf "%.2fx", a/b}')" "$same"
  done
done
echo "mem_x = our max RSS / ripser's (<= 1.2 is the goal); JVM start-up included in ours"
