/**
 * Clique and cavity statistics of attention planes: filtrations, persistence barcodes, Betti numbers,
 * clique counts, and the per-plane results. {@link org.attnplanes.topology.TopologyAnalyzer} computes a
 * {@link org.attnplanes.topology.PlaneTopology} for every plane of a multi-planar graph (or every layer × head
 * of a trace) in parallel; {@link org.attnplanes.topology.StatisticsSchema} is the one statistics schema (the
 * ordered columns of a plane's row, shared by {@code planes.csv}, the desktop app and the Spark job), each column
 * family defined once with its source in {@link org.attnplanes.topology.Statistic};
 * {@link org.attnplanes.topology.TopologyTable} is the tidy, CSV-ready table of those rows. Sub-packages:
 * {@code filtration}, {@code persistence}, {@code clique}, {@code features}, {@code stats}, {@code divergence},
 * {@code directed}, {@code io}.
 */
package org.attnplanes.topology;
