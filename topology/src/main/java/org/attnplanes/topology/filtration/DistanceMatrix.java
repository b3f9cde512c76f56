package org.attnplanes.topology.filtration;

import java.util.Arrays;

/**
 * An immutable symmetric matrix of non-negative float32 distances with zero diagonal, stored as Ripser
 * stores it: a compressed lower triangle, row by row, {@code d(1,0), d(2,0), d(2,1), d(3,0), …}, so
 * {@code d(i, j)} for {@code i > j} sits at {@code i(i−1)/2 + j}.
 *
 * <p>Values are in {@code [0, +∞]}; {@code +∞} means "this edge never enters the filtration" (a missing
 * entry of a sparse input). NaN and negative values are rejected with a message naming the entry. The
 * number of points is limited to {@value #MAX_SIZE} so that the triangle fits in one Java array.
 *
 * <pre>{@code
 * DistanceMatrix d = DistanceMatrix.fromFull(new float[][] {{0, 1, 2}, {1, 0, 1}, {2, 1, 0}});
 * float x = d.distance(0, 2);   // 2
 * }</pre>
 */
public final class DistanceMatrix {

    /** Largest supported number of points (the lower triangle must fit in a Java array). */
    public static final int MAX_SIZE = 65_536;

    private final int size;
    private final float[] lower;

    private DistanceMatrix(int size, float[] lower) {
        this.size = size;
        this.lower = lower;
    }

    /** The backing compressed lower triangle itself (no copy): package callers must not modify it. */
    float[] lowerShared() {
        return lower;
    }

    /**
     * Copies a compressed lower triangle of {@code size(size−1)/2} values (row-major, {@code j < i}).
     *
     * @throws IllegalArgumentException if the length does not match or a value is NaN or negative
     */
    public static DistanceMatrix fromLowerTriangular(int size, float[] lower) {
        checkSize(size);
        long expected = (long) size * (size - 1) / 2;
        if (lower.length != expected) {
            throw new IllegalArgumentException("lower triangle has " + lower.length + " values; " + size
                    + " points need size(size-1)/2 = " + expected);
        }
        float[] copy = Arrays.copyOf(lower, lower.length);
        checkValues(size, copy);
        return new DistanceMatrix(size, copy);
    }

    /** Wraps an array that the caller (this package's readers) never touches again. */
    static DistanceMatrix wrapLowerTriangular(int size, float[] lower) {
        checkSize(size);
        checkValues(size, lower);
        return new DistanceMatrix(size, lower);
    }

    /** As {@link #wrapLowerTriangular} for values the caller made in [0, +inf] itself (not checked again). */
    static DistanceMatrix wrapValidLowerTriangular(int size, float[] lower) {
        checkSize(size);
        return new DistanceMatrix(size, lower);
    }

    /**
     * Copies a full square matrix, which must be symmetric (exactly, as float32) with a zero diagonal.
     *
     * @throws IllegalArgumentException naming the first offending row/entry
     */
    public static DistanceMatrix fromFull(float[][] matrix) {
        int n = matrix.length;
        checkSize(n);
        for (int i = 0; i < n; i++) {
            if (matrix[i] == null || matrix[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + (matrix[i] == null ? 0 : matrix[i].length)
                        + " values; a square matrix with " + n + " rows needs " + n);
            }
        }
        float[] lower = new float[(int) ((long) n * (n - 1) / 2)];
        for (int i = 0; i < n; i++) {
            if (matrix[i][i] != 0f) {
                throw new IllegalArgumentException("diagonal d[" + i + "][" + i + "] = " + matrix[i][i] + " must be 0");
            }
            for (int j = 0; j < i; j++) {
                float a = matrix[i][j];
                float b = matrix[j][i];
                if (Float.compare(a, b) != 0) {
                    throw new IllegalArgumentException("matrix is not symmetric: d[" + i + "][" + j + "] = " + a
                            + " but d[" + j + "][" + i + "] = " + b);
                }
                lower[offset(i) + j] = a;
            }
        }
        checkValues(n, lower);
        return new DistanceMatrix(n, lower);
    }

    /**
     * Euclidean distances of points (one row per point, all rows of the same length), computed in float32
     * exactly as Ripser's {@code point-cloud} format does: {@code sqrt(Σ (u−v)²)} accumulated in float.
     *
     * @throws IllegalArgumentException if rows differ in length or a coordinate is not finite
     */
    public static DistanceMatrix fromPoints(float[][] points) {
        int n = points.length;
        checkSize(n);
        int dim = n == 0 ? 0 : points[0].length;
        for (int i = 0; i < n; i++) {
            if (points[i].length != dim) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length
                        + " coordinates but point 0 has " + dim);
            }
            for (int c = 0; c < dim; c++) {
                if (!Float.isFinite(points[i][c])) {
                    throw new IllegalArgumentException("point " + i + " coordinate " + c + " = " + points[i][c]
                            + " must be finite");
                }
            }
        }
        float[] lower = new float[(int) ((long) n * (n - 1) / 2)];
        for (int i = 1; i < n; i++) {
            float[] p = points[i];
            int off = offset(i);
            for (int j = 0; j < i; j++) {
                float[] q = points[j];
                float s = 0f;
                for (int c = 0; c < dim; c++) {
                    float t = p[c] - q[c];
                    s += t * t;
                }
                lower[off + j] = (float) Math.sqrt(s);
            }
        }
        checkValues(n, lower);
        return new DistanceMatrix(n, lower);
    }

    private static void checkSize(int size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("number of points = " + size + " must be in [0, " + MAX_SIZE + "]");
        }
    }

    private static void checkValues(int n, float[] lower) {
        for (int k = 0; k < lower.length; k++) {
            float v = lower[k];
            if (!(v >= 0f)) {
                int i = rowOf(k);
                int j = k - offset(i);
                throw new IllegalArgumentException("distance d[" + i + "][" + j + "] = " + v
                        + (Float.isNaN(v) ? " is NaN" : " is negative") + "; distances must be in [0, +inf]");
            }
        }
    }

    private static int offset(int i) {
        return (int) ((long) i * (i - 1) / 2);
    }

    private static int rowOf(int k) {
        int i = (int) ((1 + Math.sqrt(1 + 8.0 * k)) / 2);
        while (offset(i) > k) {
            i--;
        }
        while (offset(i + 1) <= k) {
            i++;
        }
        return i;
    }

    /** Number of points {@code n}. */
    public int size() {
        return size;
    }

    /**
     * The distance between points {@code i} and {@code j} (0 when {@code i == j}; may be {@code +∞}).
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, size)}
     */
    public float distance(int i, int j) {
        if (i < 0 || i >= size || j < 0 || j >= size) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside [0, " + size + ")");
        }
        if (i == j) {
            return 0f;
        }
        return i > j ? lower[offset(i) + j] : lower[offset(j) + i];
    }

    /** A fresh copy of the compressed lower triangle. */
    public float[] toLowerTriangular() {
        // Arrays.copyOf, not clone(): JDK 17's C1 does not intrinsify array clone (a slow native call), and this
        // copy is made per plane and threshold
        return Arrays.copyOf(lower, lower.length);
    }

    /** The internal triangle without copying; callers inside the topology module must not modify it. */
    float[] lowerTriangleView() {
        return lower;
    }

    /**
     * Ripser's enclosing radius {@code min_i max_{j≠i} d(i, j)}: at this value the complex is a cone and
     * every bar has ended. {@code +∞} when every row has a missing entry, and for fewer than 2 points (no edge,
     * so nothing to cut). The one definition: the persistence engines cut the filtration at it.
     */
    public float enclosingRadius() {
        return enclosingRadius(lower, size);
    }

    /**
     * {@link #enclosingRadius()} of a lower triangle without the diagonal, row-major
     * ({@code d(1,0), d(2,0), d(2,1), d(3,0), …}), of {@code n} points.
     */
    public static float enclosingRadius(float[] lower, int n) {
        return enclosingRadius(lower, n, Float.POSITIVE_INFINITY);
    }

    /**
     * {@link #enclosingRadius(float[], int)} of the filtration cut at {@code limit}: values {@code > limit} count
     * as {@code +∞} (edges that never enter).
     */
    public static float enclosingRadius(float[] lower, int n, float limit) {
        if (n < 2) {
            return Float.POSITIVE_INFINITY;
        }
        float[] rowMax = new float[n];
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                float d = lower[k++];
                if (d > limit) {
                    d = Float.POSITIVE_INFINITY;
                }
                if (d > rowMax[i]) {
                    rowMax[i] = d;
                }
                if (d > rowMax[j]) {
                    rowMax[j] = d;
                }
            }
        }
        float r = Float.POSITIVE_INFINITY;
        for (float m : rowMax) {
            r = Math.min(r, m);
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistanceMatrix m && m.size == size && Arrays.equals(m.lower, lower);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(lower);
    }

    @Override
    public String toString() {
        return "DistanceMatrix[" + size + " points]";
    }
}
