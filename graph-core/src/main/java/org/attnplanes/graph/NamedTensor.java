package org.attnplanes.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * One ordinary model output (or any other named tensor), copied out of the runtime: a name, a shape and
 * row-major float data. Immutable: accessors return copies.
 */
public final class NamedTensor {

    private final String name;
    private final long[] shape;
    private final float[] data;

    private NamedTensor(String name, long[] shape, float[] data) {
        this.name = name;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Copies the shape and data.
     *
     * @throws IllegalArgumentException if a dimension is negative or the element count differs from the shape
     */
    public static NamedTensor of(String name, long[] shape, float[] data) {
        Objects.requireNonNull(name, "name");
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor \"" + name + "\": shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("tensor \"" + name + "\": shape " + Arrays.toString(shape)
                    + " holds " + count + " elements but data has " + data.length);
        }
        return new NamedTensor(name, shape.clone(), data.clone());
    }

    /** The tensor's name (the ONNX output name for model outputs). */
    public String name() {
        return name;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code axis}. */
    public long dimension(int axis) {
        return shape[axis];
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Element {@code i} in row-major order. */
    public float get(int i) {
        return data[i];
    }

    /** A copy of the row-major data. */
    public float[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && t.name.equals(name) && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
