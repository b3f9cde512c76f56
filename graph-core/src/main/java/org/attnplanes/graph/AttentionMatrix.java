package org.attnplanes.graph;

import java.util.Arrays;

/**
 * An immutable square matrix of attention weights (row = query, column = key), stored as one row-major
 * {@code float[]}. Values are whatever the producer put in (probabilities in [0, 1] for raw attention,
 * signed values for differences); this class only requires them to be finite.
 *
 * <p>A matrix made by a {@link PlanePool} is <em>leased</em>: its array goes back to the pool when the trace
 * holding it is released ({@link PlanePool#release}), and from then on every read of the matrix throws
 * {@link IllegalStateException} instead of returning another capture's values.
 */
public final class AttentionMatrix {

    private final int size;
    /** Row-major, at least {@code size²} long (a pooled array may be longer); null once released to its pool. */
    private float[] data;
    /** Every value was checked to lie in [0, {@link AttentionTrace#MAX_PROBABILITY}] when it was made. */
    private final boolean probabilities;
    /** The pool the array goes back to, or null for an ordinary matrix. */
    private final PlanePool pool;

    private AttentionMatrix(int size, float[] data) {
        this(size, data, false, null);
    }

    private AttentionMatrix(int size, float[] data, boolean probabilities, PlanePool pool) {
        this.size = size;
        this.data = data;
        this.probabilities = probabilities;
        this.pool = pool;
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
        return new AttentionMatrix(size, rowMajor, true, null);
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
        checkLength(size, rowMajor.length, false);
        for (int i = 0; i < size; i++) {
            checkProbabilityRow(rowMajor, i, size, rowSumTolerance);
        }
        return new AttentionMatrix(size, rowMajor, true, null);
    }

    /**
     * As {@link #ofProbabilityRows} on a fresh array that row i of the plane is copied into from {@code src} at
     * {@code srcOffset + i · srcRowStride} (e.g. one head of a padded batch tensor that ONNX Runtime wrote into a
     * direct buffer): each row is copied and checked while it is in cache, one pass instead of a copy and a scan.
     *
     * @throws RowSumException          naming the first row whose sum is off (or NaN)
     * @throws IllegalArgumentException if a value is not a probability
     */
    public static AttentionMatrix copyProbabilityRows(int size, java.nio.FloatBuffer src, int srcOffset,
                                                      int srcRowStride, double rowSumTolerance) {
        return copyProbabilityRows(size, src, srcOffset, srcRowStride, new float[size * size], rowSumTolerance, null);
    }

    /** As {@link #copyProbabilityRows(int, java.nio.FloatBuffer, int, int, double)} from a heap array. */
    public static AttentionMatrix copyProbabilityRows(int size, float[] src, int srcOffset, int srcRowStride,
                                                      double rowSumTolerance) {
        return copyProbabilityRows(size, java.nio.FloatBuffer.wrap(src), srcOffset, srcRowStride, rowSumTolerance);
    }

    /** The one-pass copy and check into {@code dest}: owned by the result, leased from {@code pool} when not null. */
    static AttentionMatrix copyProbabilityRows(int size, java.nio.FloatBuffer src, int srcOffset, int srcRowStride,
                                               float[] dest, double rowSumTolerance, PlanePool pool) {
        checkLength(size, dest.length, pool != null);
        // rows are copied a block at a time (one bulk copy of contiguous rows, ≈ 16 KiB, still in cache when checked)
        int block = srcRowStride == size ? Math.max(1, COPY_BLOCK / Math.max(1, size)) : 1;
        for (int i = 0; i < size; i += block) {
            int rows = Math.min(block, size - i);
            if (rows == 1) {
                src.get(srcOffset + i * srcRowStride, dest, i * size, size);
            } else {
                src.get(srcOffset + i * size, dest, i * size, rows * size);
            }
            for (int r = i; r < i + rows; r++) {
                checkProbabilityRow(dest, r, size, rowSumTolerance);
            }
        }
        return new AttentionMatrix(size, dest, true, pool);
    }

    /** Floats copied in one bulk copy before they are checked (when rows are contiguous). */
    private static final int COPY_BLOCK = 4096;

    private static void checkLength(int size, int length, boolean atLeast) {
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + " must be >= 0");
        }
        long nn = (long) size * size;
        if (atLeast ? length < nn : length != nn) {
            throw new IllegalArgumentException("rowMajor.length = " + length + " must be " + (atLeast ? "at least " : "")
                    + "size² = " + nn + " for size = " + size);
        }
    }

    /**
     * Row {@code i}: sum within the tolerance of 1 (checked first), then every value in [0, MAX_PROBABILITY].
     *
     * <p>The fast path does one float add and one integer OR per value (eight partial sums; the OR of the raw bits
     * has the sign bit set iff some value is negative or −0). Once the sum passed (so no value is NaN or infinite),
     * no sign bit means every value is ≥ 0, so each is at most the exact row sum; the computed sum differs from that
     * by at most (k + 2)·2⁻²³ for k adds per partial sum, so a computed sum at most {@code MAX_PROBABILITY} minus that
     * bound proves every value ≤ {@code MAX_PROBABILITY}. Otherwise (a sign bit, or a sum near the bound) the values
     * are compared one by one, as before: the verdict is always that of the element-wise check.
     */
    private static void checkProbabilityRow(float[] a, int i, int size, double rowSumTolerance) {
        final float max = AttentionTrace.MAX_PROBABILITY;
        int j = i * size;
        int end = j + size;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int bits = 0;
        for (; j + 7 < end; j += 8) {     // eight partial sums, no branch per value
            float w0 = a[j];
            float w1 = a[j + 1];
            float w2 = a[j + 2];
            float w3 = a[j + 3];
            float w4 = a[j + 4];
            float w5 = a[j + 5];
            float w6 = a[j + 6];
            float w7 = a[j + 7];
            s0 += w0;
            s1 += w1;
            s2 += w2;
            s3 += w3;
            s4 += w4;
            s5 += w5;
            s6 += w6;
            s7 += w7;
            bits |= Float.floatToRawIntBits(w0) | Float.floatToRawIntBits(w1) | Float.floatToRawIntBits(w2)
                    | Float.floatToRawIntBits(w3) | Float.floatToRawIntBits(w4) | Float.floatToRawIntBits(w5)
                    | Float.floatToRawIntBits(w6) | Float.floatToRawIntBits(w7);
        }
        for (; j < end; j++) {
            float w = a[j];
            s0 += w;
            bits |= Float.floatToRawIntBits(w);
        }
        double sum = (((double) s0 + s1) + ((double) s2 + s3)) + (((double) s4 + s5) + ((double) s6 + s7));
        if (!(Math.abs(sum - 1) <= rowSumTolerance)) {
            throw new RowSumException(i, sum);
        }
        if (bits < 0 || sum > max - (size / 8 + 10) * 0x1p-23) {
            for (int k = i * size; k < end; k++) {
                float w = a[k];
                if (!(w >= 0f && w <= max)) {
                    throw new IllegalArgumentException("weight[" + i + "][" + (k - i * size) + "] = " + w
                            + " must be a probability in [0, 1]");
                }
            }
        }
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

    /**
     * The backing array itself, for read-only use inside graph-core (package-private, no copy): at least
     * {@code size²} long, only the first {@code size²} entries belong to the matrix.
     */
    float[] array() {
        return live();
    }

    /** The pool this matrix is leased from, or null. */
    PlanePool pool() {
        return pool;
    }

    /** Whether the matrix was released to its pool (reading it throws). */
    boolean released() {
        return data == null;
    }

    /** Gives the array back for {@link PlanePool#release} and makes every later read throw. */
    float[] detach() {
        float[] a = data;
        data = null;
        return a;
    }

    private float[] live() {
        float[] a = data;
        if (a == null) {
            throw released(size);
        }
        return a;
    }

    static IllegalStateException released(int size) {
        return new IllegalStateException("this " + size + " × " + size + " attention plane was released: the planes of "
                + "a trace given to a capture consumer (AttentionModel.capture(texts, cancellation, consumer)), and a "
                + "graph built from them, are valid only during that call; capture with capture(texts) to keep them");
    }

    /** Number of rows (= columns). */
    public int size() {
        return size;
    }

    /** The weight from query {@code row} to key {@code col}. */
    public float weight(int row, int col) {
        float[] a = data;
        if (a == null) {
            throw released(size);
        }
        return a[row * size + col];
    }

    /** Sum of row {@code row} (1 for a softmax row), in double precision. */
    public double rowSum(int row) {
        float[] a = live();
        double s = 0;
        for (int j = 0; j < size; j++) {
            s += a[row * size + j];
        }
        return s;
    }

    /** A fresh row-major copy of the data ({@code size²} floats). */
    public float[] toArray() {
        return Arrays.copyOf(live(), size * size);
    }

    /** Copies the data into {@code dest} starting at {@code offset}; {@code size²} floats are written. */
    public void copyInto(float[] dest, int offset) {
        System.arraycopy(live(), 0, dest, offset, size * size);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AttentionMatrix m) || m.size != size) {
            return false;
        }
        int nn = size * size;
        return Arrays.equals(m.live(), 0, nn, live(), 0, nn);
    }

    @Override
    public int hashCode() {
        float[] a = live();
        int h = 1;
        for (int i = 0, nn = size * size; i < nn; i++) {
            h = 31 * h + Float.floatToIntBits(a[i]);
        }
        return 31 * size + h;
    }

    @Override
    public String toString() {
        return "AttentionMatrix[" + size + "×" + size + "]";
    }
}
