package org.attnplanes.topology.filtration;

import java.util.Arrays;

/**
 * A distance matrix given by its finite entries only (Ripser's {@code sparse} format): {@code n} points and a
 * list of edges {@code {i, j}} with a distance each; every other pair never enters the filtration. Memory is
 * proportional to the number of entries, not to {@code n²}, so a file naming point 65535 once stays small.
 * Immutable; the entries are held sorted by {@code (i, j)} with {@code i > j}, without duplicates.
 *
 * <pre>{@code
 * SparseDistances d = SparseDistances.of(20001, new int[] {0}, new int[] {20000}, new float[] {1f});
 * }</pre>
 */
public final class SparseDistances {

    private final int size;
    private final int[] hi;
    private final int[] lo;
    private final float[] value;

    private SparseDistances(int size, int[] hi, int[] lo, float[] value) {
        this.size = size;
        this.hi = hi;
        this.lo = lo;
        this.value = value;
    }

    /**
     * Entries {@code (a[k], b[k], d[k])} in any order and orientation. A pair given twice with the same
     * distance counts once.
     *
     * @throws IllegalArgumentException naming the entry: an index outside {@code [0, size)}, a self-loop, a
     *                                  distance that is NaN, negative or infinite, or a pair given twice with
     *                                  different distances
     */
    public static SparseDistances of(int size, int[] a, int[] b, float[] d) {
        if (size < 0 || size > DistanceMatrix.MAX_SIZE) {
            throw new IllegalArgumentException("number of points = " + size + " must be in [0, "
                    + DistanceMatrix.MAX_SIZE + "]");
        }
        if (a.length != b.length || a.length != d.length) {
            throw new IllegalArgumentException("entry arrays differ in length: " + a.length + ", " + b.length + ", "
                    + d.length);
        }
        int m = a.length;
        long[] keys = new long[m];
        for (int k = 0; k < m; k++) {
            int i = Math.max(a[k], b[k]);
            int j = Math.min(a[k], b[k]);
            if (j < 0 || i >= size) {
                throw new IllegalArgumentException("entry " + k + " (" + a[k] + ", " + b[k] + ") is outside [0, "
                        + size + ")");
            }
            if (i == j) {
                throw new IllegalArgumentException("entry " + k + " (" + a[k] + ", " + b[k] + ") is a self-loop");
            }
            if (!(d[k] >= 0f) || Float.isInfinite(d[k])) {
                throw new IllegalArgumentException("entry " + k + " distance " + d[k]
                        + " must be finite and >= 0 (leave a pair out instead of giving it +inf)");
            }
            // (i, j) in the high 32 bits, the entry number in the low 32; the sign flip makes the signed sort an
            // unsigned one, so equal pairs end up adjacent in input order
            keys[k] = ((long) i << 48 | (long) j << 32 | k) ^ Long.MIN_VALUE;
        }
        Arrays.sort(keys);
        int[] hi = new int[m];
        int[] lo = new int[m];
        float[] v = new float[m];
        int c = 0;
        for (int t = 0; t < m; t++) {
            int k = (int) keys[t];
            int i = Math.max(a[k], b[k]);
            int j = Math.min(a[k], b[k]);
            if (c > 0 && hi[c - 1] == i && lo[c - 1] == j) {
                if (Float.compare(v[c - 1], d[k]) != 0) {
                    throw new DuplicateEntryException(i, j, v[c - 1], d[k], firstOf(keys, t), k);
                }
                continue;
            }
            hi[c] = i;
            lo[c] = j;
            v[c] = d[k];
            c++;
        }
        return new SparseDistances(size, Arrays.copyOf(hi, c), Arrays.copyOf(lo, c), Arrays.copyOf(v, c));
    }

    private static int firstOf(long[] keys, int t) {
        long pair = keys[t] >>> 32;
        int s = t;
        while (s > 0 && keys[s - 1] >>> 32 == pair) {
            s--;
        }
        return (int) keys[s];
    }

    /** A pair given twice with different distances; {@link #first()} and {@link #second()} are entry numbers. */
    public static final class DuplicateEntryException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int first;
        private final int second;

        DuplicateEntryException(int i, int j, float v1, float v2, int first, int second) {
            super("edge " + i + " " + j + " has distance " + v2 + " but an earlier entry gave " + v1);
            this.first = first;
            this.second = second;
        }

        /** The entry number (0-based, input order) that gave the pair first. */
        public int first() {
            return first;
        }

        /** The entry number that contradicts it. */
        public int second() {
            return second;
        }
    }

    /** Number of points {@code n} (isolated points included). */
    public int size() {
        return size;
    }

    /** Number of distinct entries (edges). */
    public int entryCount() {
        return value.length;
    }

    /** The larger endpoint of entry {@code k}. */
    public int hi(int k) {
        return hi[k];
    }

    /** The smaller endpoint of entry {@code k}. */
    public int lo(int k) {
        return lo[k];
    }

    /** The distance of entry {@code k}. */
    public float value(int k) {
        return value[k];
    }

    /** Number of entries with distance {@code <= threshold}. */
    public long entryCount(float threshold) {
        long c = 0;
        for (float x : value) {
            if (x <= threshold) {
                c++;
            }
        }
        return c;
    }

    /**
     * The dense matrix ({@code +∞} for missing pairs). Needs {@code n(n−1)/2} floats; for small inputs and
     * tests only.
     */
    public DistanceMatrix toDistanceMatrix() {
        float[] lower = new float[(int) ((long) size * (size - 1) / 2)];
        Arrays.fill(lower, Float.POSITIVE_INFINITY);
        for (int k = 0; k < value.length; k++) {
            lower[(int) ((long) hi[k] * (hi[k] - 1) / 2) + lo[k]] = value[k];
        }
        return DistanceMatrix.wrapLowerTriangular(size, lower);
    }

    @Override
    public String toString() {
        return "SparseDistances[" + size + " points, " + value.length + " entries]";
    }
}
