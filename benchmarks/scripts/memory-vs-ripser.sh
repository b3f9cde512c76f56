#!/usr/bin/env bash
# Issue 16: peak memory (max RSS, whole process) of ours vs Debian ripser 1.2.1 on Ripser's own examples, with the
# dimensions/thresholds of its benchmarks, interleaved, identical bars checked.
#   benchmarks/scripts/memory-vs-ripser.sh /path/to/ripser/examples     # a checkout of github.com/Ripser/ripser
# Two processes of ours per case: the engine alone (PersistenceMain: topology + graph-core on the class path) and the
# user-facing command `./attnplanes persistence` (the launcher's flags; build with ./mvnw -q -o -pl app -am package).
# JAVA_OPTS sets the engine-only process's JVM flags (default: those of the launcher's persistence command).
set -uo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
EX=${1:?usage: memory-vs-ripser.sh RIPSER_EXAMPLES_DIR}
REPS=${REPS:-2}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn1m -Xms4m"}
./mvnw -q -o -pl benchmarks,app -am package -DskipTests >/dev/null || exit 1
CP="benchmarks/target/classes:topology/target/classes:graph-core/target/classes"
# the command's first run after a build writes its AppCDS archive at exit (a larger RSS): make it before measuring
./attnplanes persistence --dim 0 --input "$EX/sphere_3_192.lower_distance_matrix" > /dev/null || exit 1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
bars() { grep -v '^value range\|^distance matrix\|^sparse distance\|^point cloud' "$1" | awk '/^persistence/ {d=$0; next} {print d "|" $0}' | sort; }
run() { local out=$1; shift; /usr/bin/time -f "%e %M" -o "$work/t" "$@" > "$out" 2>/dev/null; tail -n 1 "$work/t" | awk '{printf "%s %.1f", $1, $2 / 1024}'; }
echo "java: $(java -version 2>&1 | head -1) $JAVA_OPTS; ripser $(dpkg-query -W -f='${Version}' ripser 2>/dev/null); load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-40s %-9s %-9s %-9s %-9s %-9s %-9s %-7s %-7s %s\n" case ripser_s engine_s app_s ripser_MB engine_MB app_MB eng_x app_x bars
for c in "rp2_600.lower_distance_matrix.csv:lower-distance:1:" "sphere_3_192.lower_distance_matrix:lower-distance:2:" \
         "o3_1024.txt:point-cloud:3:1.8"; do
  IFS=: read -r f fmt dim t <<< "$c"
  T=${t:+--threshold $t}
  for r in $(seq "$REPS"); do
    read -r rs rm <<< "$(run "$work/r.out" ripser --format "$fmt" --dim "$dim" $T "$EX/$f")"
    read -r os om <<< "$(run "$work/o.out" java $JAVA_OPTS -cp "$CP" org.attnplanes.bench.persistence.PersistenceMain --format "$fmt" --dim "$dim" $T "$EX/$f")"
    read -r as am <<< "$(run "$work/a.out" ./attnplanes persistence --format "$fmt" --dim "$dim" $T --input "$EX/$f")"
    same=identical
    for o in o a; do
      if ! diff -q <(bars "$work/r.out") <(bars "$work/$o.out") >/dev/null; then same="DIFFERENT($o)"; fi
    done
    [ "$same" = identical ] && same="identical($(bars "$work/o.out" | wc -l))"
    printf "%-40s %-9s %-9s %-9s %-9s %-9s %-9s %-7s %-7s %s\n" "$f dim<=$dim ${t:+t=$t}" "$rs" "$os" "$as" "$rm" "$om" "$am" \
      "$(awk -v a="$om" -v b="$rm" 'BEGIN{printf "%.2fx", a/b}')" "$(awk -v a="$am" -v b="$rm" 'BEGIN{printf "%.2fx", a/b}')" "$same"
  done
done
echo "MB = MiB (max RSS in KiB / 1024); eng_x / app_x = max RSS of the engine-only process / of ./attnplanes persistence, over ripser's (<= 1.2 is the goal); JVM included"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
