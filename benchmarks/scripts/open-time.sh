#!/usr/bin/env bash
# Opening the default model (all-MiniLM-L6-v2): uncached (baseline, -Dattnplanes.model.cache=false: read, hash,
# parse, surgery, serialize every time) vs cold cache (empty fingerprint store, split-model cache and ONNX
# Runtime library copy: the first open writes them) vs warm cache; and the wall time of a one-sentence
# `./attnplanes analyze` (JVM start included) uncached vs warm. Each in fresh JVMs, REPEATS runs (default 3), medians, ratios vs the baseline
# measured in the same run. The captures of all variants must give the same checksum.
# Usage: benchmarks/scripts/open-time.sh [REPEATS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
repeats=${1:-3}
./mvnw -q -o -pl app -am package -DskipTests
cp_app="$(ls "$here"/app/target/attnplanes-app-*.jar | grep -v -- '-sources\|-javadoc' | head -n 1):$(cat "$here/app/target/classpath.txt")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache="$work/cache"
mkdir -p "$cache"
# the default model and tokenizer, extracted once (not part of any measurement)
java -Dattnplanes.cache.dir="$cache" -Dattnplanes.model.cache=false -cp "$cp_app" \
  "$here/benchmarks/scripts/OpenTime.java" > /dev/null 2>&1
touch -d '1 hour ago' "$cache"/*.onnx "$cache"/*.json
sleep 1

open_ms() {   # $1 = extra JVM options; prints open_ms and records the checksum
  local line
  line=$(java $1 -Dattnplanes.cache.dir="$cache" -cp "$cp_app" "$here/benchmarks/scripts/OpenTime.java" 2>/dev/null)
  echo "${line#*checksum=}" >> "$work/checksums"
  line=${line#open_ms=}
  echo "${line%% *}"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
wall_s() {   # $1 = extra JVM options for the launcher
  local out="$work/out" t0 t1
  rm -rf "$out"
  t0=$(date +%s.%N)
  ATTNPLANES_JAVA_OPTS="$1 -Dattnplanes.cache.dir=$cache" ./attnplanes analyze --text "The cat sat on the mat." \
    --out "$out" > /dev/null 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

: > "$work/uncached"; : > "$work/cold"; : > "$work/warm"; : > "$work/an_uncached"; : > "$work/an_warm"
for r in $(seq "$repeats"); do
  open_ms "-Dattnplanes.model.cache=false" >> "$work/uncached"
  rm -rf "$cache/models" "$cache/fingerprints" "$cache/native"
  open_ms "" >> "$work/cold"
  open_ms "" >> "$work/warm"
  wall_s "-Dattnplanes.model.cache=false" >> "$work/an_uncached"
  wall_s "" >> "$work/an_warm"
done
u=$(median < "$work/uncached"); c=$(median < "$work/cold"); w=$(median < "$work/warm")
au=$(median < "$work/an_uncached"); aw=$(median < "$work/an_warm")
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); repeats: $repeats"
printf '%-44s %10s %10s\n' "" "median" "vs uncached"
printf '%-44s %8.0f ms %9.2fx\n' "openDefault, uncached (baseline)" "$u" 1
printf '%-44s %8.0f ms %9.2fx\n' "openDefault, cold cache (writes it)" "$c" "$(echo "$u / $c" | bc -l)"
printf '%-44s %8.0f ms %9.2fx\n' "openDefault, warm cache" "$w" "$(echo "$u / $w" | bc -l)"
printf '%-44s %8.2f s  %9.2fx\n' "one-sentence analyze wall, uncached" "$au" 1
printf '%-44s %8.2f s  %9.2fx\n' "one-sentence analyze wall, warm cache" "$aw" "$(echo "$au / $aw" | bc -l)"
echo "runs (ms): uncached $(tr '\n' ' ' < "$work/uncached")| cold $(tr '\n' ' ' < "$work/cold")| warm $(tr '\n' ' ' < "$work/warm")"
echo "analyze runs (s): uncached $(tr '\n' ' ' < "$work/an_uncached")| warm $(tr '\n' ' ' < "$work/an_warm")"
if [ "$(sort -u "$work/checksums" | wc -l)" -ne 1 ]; then
  echo "CAPTURES DIFFER between variants:" >&2
  sort "$work/checksums" | uniq -c >&2
  exit 1
fi
echo "captures identical in all variants (checksum $(head -n 1 "$work/checksums"))"
