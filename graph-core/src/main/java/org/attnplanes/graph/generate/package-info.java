/**
 * Seeded synthetic attention traces for demos, tests and benchmarks that need attention-shaped data without a
 * model (like JGraphT's {@code org.jgrapht.generate}): {@link org.attnplanes.graph.generate.SoftmaxTraceGenerator}
 * (row softmax of Gaussian logits; also single, optionally causal, matrices) and
 * {@link org.attnplanes.graph.generate.EncoderDecoderTraceGenerator} (encoder, causal decoder and cross-attention).
 */
package org.attnplanes.graph.generate;
