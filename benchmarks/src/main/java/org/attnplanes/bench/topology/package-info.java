/**
 * Per-plane topology on the small planes real sentences produce: {@link
 * org.attnplanes.bench.topology.SmallPlanesBenchmark} (JMH, warm per-plane costs of each stage) and {@link
 * org.attnplanes.bench.topology.SmallPlanesMain} (first pass and warm pass in a fresh JVM, and the export of the
 * same planes for the GUDHI peer of {@code benchmarks/scripts/small-planes-vs-gudhi.sh}). Both capture their
 * planes from all-MiniLM-L6-v2 on license sentences ({@link org.attnplanes.bench.topology.SmallPlanes}).
 */
package org.attnplanes.bench.topology;
