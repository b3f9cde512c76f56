/**
 * JMH benchmarks of graph-core: building a {@link org.attnplanes.graph.MultiPlanarGraph} from a trace,
 * measured against a baseline that only copies the trace's attention arrays.
 */
package org.attnplanes.bench.graph;
