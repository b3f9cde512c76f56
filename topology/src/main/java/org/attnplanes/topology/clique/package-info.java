/**
 * Clique statistics of thresholded attention planes: {@link org.attnplanes.topology.clique.ThresholdGraph}
 * (an undirected graph as {@code long[]} adjacency bitsets, built from a plane or an attention matrix at a
 * weight threshold) and {@link org.attnplanes.topology.clique.BitsetCliqueCounter} (k-clique counts for all
 * sizes at once, maximal cliques, clique number), with a {@link org.attnplanes.topology.clique.CliqueLimits}
 * budget that fails with a clear message on graphs too dense to finish;
 * {@link org.attnplanes.topology.clique.NestedCliqueCounts} gives the small-clique counts of a small plane at
 * several thresholds at once without building the graphs.
 *
 * <p>A k-clique of the graph at threshold t is a (k−1)-simplex of the clique (flag) complex whose
 * persistent homology {@code org.attnplanes.topology.persistence} computes; the Euler–Poincaré identity
 * Σ(−1)^(k−1) c_k = Σ(−1)^k β_k ties the two together.
 */
package org.attnplanes.topology.clique;
