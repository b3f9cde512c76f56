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

    /**
     * As {@link #ofProbabilities}, and every row must also sum to 1 within {@code rowSumTolerance} (rows of
     * probabilities over the keys, as a Softmax over the last axis gives): both checks in one pass over each row
     * while it is in cache (attention capture: a second full scan of every plane cost about as much as copying it
     * out of the runtime; BENCHMARKS.md, "attention capture vs the plain model"). Rows are checked in order; within
     * a row the sum is checked before the range.
     *
     * @throws RowSumException          naming the first row whose sum is off (or NaN)
     * @throws IllegalArgumentException if the length is not {@code size²} or a value is not a probability
     */
    public static AttentionMatrix ofProbabilityRows(int size, float[] rowMajor, double rowSumTolerance) {
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + " must be >= 0");
        }
        if (rowMajor.length != (long) size * size) {
            throw new IllegalArgumentException("rowMajor.length = " + rowMajor.length + " must be size² = "
                    + ((long) size * size) + " for size = " + size);
        }
        final float max = AttentionTrace.MAX_PROBABILITY;
        for (int i = 0; i < size; i++) {
            int j = i * size;
            int end = j + size;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            boolean inRange = true;
            for (; j + 3 < end; j += 4) {     // four partial sums, no branch per value
                float a = rowMajor[j];
                float b = rowMajor[j + 1];
                float c = rowMajor[j + 2];
                float d = rowMajor[j + 3];
                s0 += a;
                s1 += b;
                s2 += c;
                s3 += d;
                inRange &= a >= 0f & a <= max & b >= 0f & b <= max & c >= 0f & c <= max & d >= 0f & d <= max;
            }
            for (; j < end; j++) {
                float a = rowMajor[j];
                s0 += a;
                inRange &= a >= 0f & a <= max;
            }
            double sum = ((double) s0 + s1) + ((double) s2 + s3);
            if (!(Math.abs(sum - 1) <= rowSumTolerance)) {
                throw new RowSumException(i, sum);
            }
            if (!inRange) {
                for (int k = i * size; k < end; k++) {
                    float w = rowMajor[k];
                    if (!(w >= 0f && w <= max)) {
                        throw new IllegalArgumentException("weight[" + i + "][" + (k - i * size) + "] = " + w
                                + " must be a probability in [0, 1]");
                    }
                }
            }
        }
        return new AttentionMatrix(size, rowMajor, true);
    }

    /** The refusal of {@link #ofProbabilityRows}: a row whose sum is not 1. */
    public static final class RowSumException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int row;
        private final double sum;

        RowSumException(int row, double sum) {
            super("row " + row + " sums to " + sum + ", not 1");
            this.row = row;
            this.sum = sum;
        }

        /** The first row whose sum is off. */
        public int row() {
            return row;
        }

        /** Its sum (NaN when a value is NaN). */
        public double sum() {
            return sum;
        }
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
