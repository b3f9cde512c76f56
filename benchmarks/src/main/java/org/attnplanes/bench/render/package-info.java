/**
 * Render benchmarks: scene build, first frame and re-render after a rotation of the JavaFX view (one
 * MeshView) against the one-Cylinder-per-edge baseline in the same run, and SVG/PNG export time. Run with
 * {@code benchmarks/scripts/render-bench.sh} (needs Xvfb).
 */
package org.attnplanes.bench.render;
