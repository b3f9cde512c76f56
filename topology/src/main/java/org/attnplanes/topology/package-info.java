/**
 * Clique and cavity statistics of attention planes: filtrations, persistence barcodes, Betti numbers,
 * clique counts, and the per-plane results. {@link org.attnplanes.topology.TopologyAnalyzer} computes a
 * {@link org.attnplanes.topology.PlaneTopology} for every plane of a multi-planar graph (or every layer × head
 * of a trace) in parallel; {@link org.attnplanes.topology.TopologyTable} is its tidy, CSV-ready form (one row
 * per plane). Sub-packages: {@code filtration}, {@code persistence}, {@code clique}, {@code features},
 * {@code io}.
 */
package org.attnplanes.topology;
