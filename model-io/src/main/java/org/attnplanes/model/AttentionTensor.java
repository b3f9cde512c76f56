package org.attnplanes.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One attention probability tensor found in a model: the output of a Softmax that feeds the MatMul with
 * the value tensor.
 *
 * @param layer  0-based position among the model's attention Softmax nodes in topological order
 * @param node   the Softmax node's name, never null
 * @param output the tensor name exposed as an extra graph output, never null
 * @param rank   4 for {@code [batch, heads, query, key]}, 3 for {@code [batch·heads, query, key]},
 *               0 when not yet known (static inspection of a model without shape information)
 * @param heads  the number of heads when known
 */
public record AttentionTensor(int layer, String node, String output, int rank, OptionalInt heads) {

    /** Validates. */
    public AttentionTensor {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(heads, "heads");
        if (layer < 0) {
            throw new IllegalArgumentException("layer = " + layer + " must be >= 0");
        }
        if (rank != 0 && rank != 3 && rank != 4) {
            throw new IllegalArgumentException("rank = " + rank + " must be 3, 4 or 0 (unknown)");
        }
    }

    /** {@code "[batch, heads, query, key]"}, {@code "[batch·heads, query, key]"} or {@code "unknown"}. */
    public String layout() {
        return switch (rank) {
            case 4 -> "[batch, heads, query, key]";
            case 3 -> "[batch·heads, query, key]";
            default -> "unknown";
        };
    }
}
