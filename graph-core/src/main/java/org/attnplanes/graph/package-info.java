/**
 * The centre of AttentionPlanes: the domain types every other module produces or consumes.
 *
 * <p>{@link org.attnplanes.graph.AttentionTrace} is what one forward pass captured (tokens, attention
 * probabilities per layer and head, outputs, {@link org.attnplanes.graph.Provenance}).
 * {@link org.attnplanes.graph.MultiPlanarGraph#build} turns it, as a {@link org.attnplanes.graph.GraphSpec}
 * says (layers, {@link org.attnplanes.graph.HeadReduction}, {@link org.attnplanes.graph.Symmetrization},
 * {@link org.attnplanes.graph.Normalization}, pruning, word merging, {@link org.attnplanes.graph.LinkKind links},
 * {@link org.attnplanes.graph.LayoutKind layout}), into {@link org.attnplanes.graph.Plane}s with
 * {@link org.attnplanes.graph.EdgeList}s, {@link org.attnplanes.graph.Link}s, an optional
 * {@link org.attnplanes.graph.ClassifierPlane} and a {@link org.attnplanes.graph.Layout}. Package-private
 * classes ({@code GraphBuilder}, {@code Pruner}, {@code WeightScale}, …) are the implementation. This package
 * never depends on ONNX Runtime or JavaFX.
 */
package org.attnplanes.graph;
