/**
 * Issue 16's scaling table: how capture, graph build, H≤1, H≤2, clique counts and memory grow with the token
 * count n, ours beside ripser, networkx and the plain model in the same run, with fitted log–log exponents
 * ({@code ScalingMain}, run by {@code benchmarks/scripts/scaling.sh}).
 */
package org.attnplanes.bench.scaling;
