/**
 * The centre of AttentionPlanes: the domain types every other module produces or consumes.
 *
 * <p>{@link org.attnplanes.graph.AttentionTrace} is what one forward pass captured (tokens, attention
 * probabilities per layer and head, outputs, {@link org.attnplanes.graph.Provenance}). The multi-planar
 * graph built from it lives here as well. This package never depends on ONNX Runtime or JavaFX.
 */
package org.attnplanes.graph;
