/**
 * Clique benchmarks: {@link org.attnplanes.bench.clique.CliqueBenchmark} (JMH, ours vs JGraphT Bron–Kerbosch
 * on the same graphs) and {@link org.attnplanes.bench.clique.CliqueCountsMain} (the Java side of
 * {@code benchmarks/scripts/cliques_vs_networkx.py}).
 */
package org.attnplanes.bench.clique;
