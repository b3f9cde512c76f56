#!/usr/bin/env bash
# A/B of the persistence engine: the working tree's topology classes against those of git revision REV, whole
# process each (PersistenceMain), alternating A B A B on the same inputs; reports medians of CPU seconds
# (user + sys) and of max RSS, and checks that both print identical bars.
#   benchmarks/scripts/engine-ab.sh REV "ARGS FILE" ["ARGS FILE" ...]      (REPS=5 by default)
# e.g. benchmarks/scripts/engine-ab.sh HEAD~1 "--dim 2 heads/L0H2.lower" "--dim 1 rp2_600.lower_distance_matrix.csv"
set -uo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
REV=${1:?usage: engine-ab.sh REV "ARGS FILE" ...}; shift
REPS=${REPS:-5}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn1m -Xms4m"}
./mvnw -q -o -pl benchmarks -am package -DskipTests >/dev/null || exit 1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/old"
git archive "$REV" topology/src/main/java | tar -x -C "$work/src"
javac -nowarn -encoding UTF-8 -cp "graph-core/target/classes:$(cat benchmarks/target/classpath.txt)" -d "$work/old" \
    $(find "$work/src" -name '*.java' ! -name module-info.java) >/dev/null 2>&1 \
  || { echo "cannot compile topology at $REV" >&2; exit 1; }
NEW="benchmarks/target/classes:topology/target/classes:graph-core/target/classes"
OLD="benchmarks/target/classes:$work/old:graph-core/target/classes"
bars() { grep -v '^value range\|^distance matrix' "$1" | awk '/^persistence/ {d=$0; next} {print d "|" $0}' | sort; }
one() { /usr/bin/time -f "%U %S %M" -o "$work/t" java $JAVA_OPTS -cp "$1" org.attnplanes.bench.persistence.PersistenceMain $2 > "$3" 2>/dev/null
        awk '{printf "%.2f %.0f\n", $1 + $2, $3 / 1024}' "$work/t"; }
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "A = $REV, B = working tree; $JAVA_OPTS; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-50s %-8s %-8s %-7s %-7s %-7s %-7s %s\n" input A_cpu B_cpu A/B A_MB B_MB B/A bars
for c in "$@"; do
  : > "$work/a"; : > "$work/b"
  for r in $(seq "$REPS"); do
    one "$OLD" "$c" "$work/a.out" >> "$work/a"
    one "$NEW" "$c" "$work/b.out" >> "$work/b"
  done
  ac=$(cut -d' ' -f1 "$work/a" | med); bc=$(cut -d' ' -f1 "$work/b" | med)
  am=$(cut -d' ' -f2 "$work/a" | med); bm=$(cut -d' ' -f2 "$work/b" | med)
  if diff -q <(bars "$work/a.out") <(bars "$work/b.out") >/dev/null; then same=identical; else same=DIFFERENT; fi
  printf "%-50s %-8s %-8s %-7s %-7s %-7s %-7s %s\n" "$(basename "${c##* }") ${c% *}" "$ac" "$bc" \
    "$(awk -v a="$ac" -v b="$bc" 'BEGIN{printf "%.2f", a/b}')" "$am" "$bm" \
    "$(awk -v a="$am" -v b="$bm" 'BEGIN{printf "%.2f", b/a}')" "$same"
done
echo "A/B > 1: the working tree is faster; B/A < 1: it uses less memory. Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
