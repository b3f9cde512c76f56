package org.attnplanes.graph;

import java.util.Arrays;

/**
 * An immutable square matrix of attention weights (row = query, column = key), stored as one row-major
 * {@code float[]}. Values are whatever the producer put in (probabilities in [0, 1] for raw attention,
 * signed values for differences); this class only requires them to be finite.
 */
public final class AttentionMatrix {

    private final int size;
    private final float[] data;
    /** Every value was checked to lie in [0, {@link AttentionTrace#MAX_PROBABILITY}] when it was made. */
    private final boolean probabilities;

    private AttentionMatrix(int size, float[] data) {
        this(size, data, false);
    }

    private AttentionMatrix(int size, float[] data, boolean probabilities) {
        this.size = size;
        this.data = data;
        this.probabilities = probabilities;
    }

    /**
     * Copies a row-major {@code size × size} array.
     *
     * @throws IllegalArgumentException if the length is not {@code size²} or a value is not finite
     */
    public static AttentionMatrix of(int size, float[] rowMajor) {
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + " must be >= 0");
        }
        if (rowMajor.length != (long) size * size) {
            throw new IllegalArgumentException("rowMajor.length = " + rowMajor.length + " must be size² = "
                    + ((long) size * size) + " for size = " + size);
        }
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Float.isFinite(rowMajor[i])) {
                throw new IllegalArgumentException("weight[" + (i / size) + "][" + (i % size) + "] = "
                        + rowMajor[i] + " must be finite");
            }
        }
        return new AttentionMatrix(size, rowMajor.clone());
    }

    /**
     * A matrix of attention probabilities that takes ownership of {@code rowMajor} (no copy; the caller must not
     * use the array afterwards), for producers that fill a fresh array per matrix such as attention capture.
     * Checks every value once to lie in [0, {@link AttentionTrace#MAX_PROBABILITY}] (which implies finite), so
     * that an {@link AttentionTrace} built from it need not scan it again.
     *
     * @throws IllegalArgumentException if the length is not {@code size²} or a value is not a probability
     */
    public static AttentionMatrix ofProbabilities(int size, float[] rowMajor) {
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + " must be >= 0");
        }
        if (rowMajor.length != (long) size * size) {
            throw new IllegalArgumentException("rowMajor.length = " + rowMajor.length + " must be size² = "
                    + ((long) size * size) + " for size = " + size);
        }
        final float max = AttentionTrace.MAX_PROBABILITY;
        for (int i = 0; i < rowMajor.length; i++) {
            float w = rowMajor[i];
            if (!(w >= 0f && w <= max)) {
                throw new IllegalArgumentException("weight[" + (i / size) + "][" + (i % size) + "] = " + w
                        + " must be a probability in [0, 1]");
            }
        }
        return new AttentionMatrix(size, rowMajor, true);
    }

    /** Whether {@link #ofProbabilities} made this matrix (its values are known to be probabilities). */
    boolean checkedProbabilities() {
        return probabilities;
    }

    /** Copies a square {@code float[n][n]}. */
    public static AttentionMatrix of(float[][] rows) {
        int n = rows.length;
        float[] flat = new float[n * n];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length
                        + " columns; a square matrix of size " + n + " needs " + n);
            }
            System.arraycopy(rows[i], 0, flat, i * n, n);
        }
        return of(n, flat);
    }

    /** Wraps an array the caller promises never to touch again (package-private, no copy). */
    static AttentionMatrix wrap(int size, float[] rowMajor) {
        return new AttentionMatrix(size, rowMajor);
    }

    /** The backing array itself, for read-only use inside graph-core (package-private, no copy). */
    float[] array() {
        return data;
    }

    /** Number of rows (= columns). */
    public int size() {
        return size;
    }

    /** The weight from query {@code row} to key {@code col}. */
    public float weight(int row, int col) {
        return data[row * size + col];
    }

    /** Sum of row {@code row} (1 for a softmax row), in double precision. */
    public double rowSum(int row) {
        double s = 0;
        for (int j = 0; j < size; j++) {
            s += data[row * size + j];
        }
        return s;
    }

    /** A fresh row-major copy of the data. */
    public float[] toArray() {
        return data.clone();
    }

    /** Copies the data into {@code dest} starting at {@code offset}; {@code size²} floats are written. */
    public void copyInto(float[] dest, int offset) {
        System.arraycopy(data, 0, dest, offset, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionMatrix m && m.size == size && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AttentionMatrix[" + size + "×" + size + "]";
    }
}
