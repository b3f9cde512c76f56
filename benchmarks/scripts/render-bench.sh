#!/usr/bin/env bash
# Render benchmark (scene build, SVG/PNG export, JavaFX first frame and re-render vs one Cylinder per edge).
# Usage: benchmarks/scripts/render-bench.sh [layers tokens topK repeats width height]   (default 12 128 8 15 1024 768)
# Builds the benchmarks module first; needs xvfb-run and Mesa (JavaFX 3D runs on llvmpipe via -Dprism.forceGPU=true).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
./mvnw -q -o -pl benchmarks -am package -DskipTests
jar=$(ls "$here"/benchmarks/target/attnplanes-benchmarks-*.jar | head -n 1)
exec xvfb-run -a -s "-screen 0 1280x1024x24" java -Dprism.order=es2 -Dprism.forceGPU=true ${BENCH_JAVA_OPTS:-} \
  -cp "$jar:$(cat "$here/benchmarks/target/classpath.txt")" org.attnplanes.bench.render.RenderBenchmark "$@"
