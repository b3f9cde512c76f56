package org.attnplanes.model;

import java.util.List;
import java.util.Objects;

/**
 * One graph input or output as the model declares it.
 *
 * @param name        the tensor name, never null
 * @param elementType ONNX element type in lower case ({@code "int64"}, {@code "float"}, …), never null
 * @param dims        one entry per axis: the fixed size as a decimal string or the symbolic name
 *                    ({@code "batch_size"}); {@code "?"} when unknown; empty when the rank is unknown
 */
public record TensorSpec(String name, String elementType, List<String> dims) {

    /** Validates and copies. */
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elementType, "elementType");
        dims = List.copyOf(dims);
    }

    @Override
    public String toString() {
        return name + " " + elementType + dims;
    }
}
