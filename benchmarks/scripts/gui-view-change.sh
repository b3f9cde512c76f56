#!/usr/bin/env bash
# Desktop-app view change on a long synthetic input: the view as it is against the previous view (every JavaFX node
# rebuilt on every change), alternating in the same run; prints a per-change wall/CPU table (medians).
# Usage: benchmarks/scripts/gui-view-change.sh [layers tokens heads repeats reps sigma baseline]
#   (default 12 512 12 7 0 5 view; baseline "topology" also times the full recompute before the topology cache: slow)
# Builds the benchmarks module first; needs xvfb-run and Mesa (JavaFX 3D on llvmpipe via -Dprism.forceGPU=true).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
./mvnw -q -o -pl benchmarks -am package -DskipTests
jar=$(ls "$here"/benchmarks/target/attnplanes-benchmarks-*.jar | head -n 1)
exec xvfb-run -a -s "-screen 0 1280x1024x24" java -Xmx3g -Dprism.order=es2 -Dprism.forceGPU=true ${BENCH_JAVA_OPTS:-} \
  -cp "$jar:$(cat "$here/benchmarks/target/classpath.txt")" org.attnplanes.bench.gui.ViewChangeBenchmark "$@"
