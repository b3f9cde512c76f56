/**
 * JMH benchmarks of AttentionPlanes, each measuring its subject against a baseline in the same run.
 * Run on demand: see {@code BENCHMARKS.md}.
 */
package org.attnplanes.bench;
