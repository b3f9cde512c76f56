package org.attnplanes.topology.clique;

import java.util.Objects;

import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.internal.Bits;

/**
 * The edge and k-clique counts (k up to 4) of the threshold graphs of one flag filtration at several values at
 * once, for filtrations of at most 64 vertices: the same numbers as {@link ThresholdGraph#edgeCount()} and
 * {@link BitsetCliqueCounter#count(ThresholdGraph)} on {@link ThresholdGraph#of(Filtration, float[], double[])}'s
 * graphs, without building them (what {@code analyze} asks for on every plane).
 *
 * <p>The graphs are nested (each value's graph contains every smaller value's), so the lower half of every
 * adjacency row is read from the filtration once for all values ({@link ThresholdGraph#lowerRows}); no row is
 * mirrored, because each clique is counted from its largest vertices: a triangle {@code i > j > k} as a bit
 * {@code k} of {@code L(i) & L(j)} for the edge {@code j} of {@code L(i)} ({@code L(v)}: the neighbours below
 * {@code v}), a 4-clique {@code i > j > k > l} as a bit of {@code L(i) & L(j) & L(k)}. Whether a larger clique
 * exists ({@link CliqueCounts#truncated()}) is decided with one intersection per clique of the largest size until
 * one is found, and is taken from the next smaller value's graph when that one already has one.
 *
 * <p>Immutable and thread-safe; no search budget applies (at most C(64, 3) intersections per graph), so it stands
 * for {@link BitsetCliqueCounter#count} only where that counter does not consult its budget either
 * ({@link #supports(int, int, CliqueLimits)}).
 */
public final class NestedCliqueCounts {

    /** Largest clique size counted by this class. */
    public static final int MAX_SIZE = 4;

    /** Largest number of vertices counted (an adjacency row fits in a long). */
    public static final int MAX_VERTICES = 64;

    private final float[] values;
    private final int[] order;
    private final long[] bounds;
    private final int maxCliqueSize;

    /**
     * @param values        filtration values, none NaN (any order, repeats allowed)
     * @param maxCliqueSize largest clique size K counted, in {@code [1, }{@value #MAX_SIZE}{@code ]}
     * @throws IllegalArgumentException if a value is NaN or K is outside the range
     */
    public NestedCliqueCounts(float[] values, int maxCliqueSize) {
        if (maxCliqueSize < 1 || maxCliqueSize > MAX_SIZE) {
            throw new IllegalArgumentException("maxCliqueSize = " + maxCliqueSize + " is outside [1, " + MAX_SIZE
                    + "]");
        }
        this.values = values.clone();
        this.order = ThresholdGraph.decreasingOrder(this.values);
        this.bounds = ThresholdGraph.bounds(this.values, order);
        this.maxCliqueSize = maxCliqueSize;
    }

    /**
     * Whether {@link #count} gives exactly what a {@link BitsetCliqueCounter} of this size and these limits gives on
     * a graph of {@code n} vertices: at most 64 vertices, at most size {@value #MAX_SIZE}, and for sizes 3 and 4
     * limits of at least {@link CliqueLimits#DEFAULT}'s search nodes (smaller budgets keep that counter's search,
     * which can stop).
     */
    public static boolean supports(int n, int maxCliqueSize, CliqueLimits limits) {
        return n <= MAX_VERTICES && maxCliqueSize >= 1 && maxCliqueSize <= MAX_SIZE
                && (maxCliqueSize <= 2 || limits.maxSearchNodes() >= CliqueLimits.DEFAULT.maxSearchNodes());
    }

    /**
     * The counts of the graph of every value (edge {@code {i, j}} iff {@code filtration.value(i, j) <= value}), in
     * the order of the values given to the constructor.
     *
     * @param edges receives each graph's number of edges, at least as long as the values
     * @return one {@link CliqueCounts} per value, equal to {@link BitsetCliqueCounter#count} of that graph
     * @throws IllegalArgumentException if the filtration has more than 64 vertices
     */
    public CliqueCounts[] count(Filtration filtration, int[] edges) {
        Objects.requireNonNull(filtration, "filtration");
        int n = filtration.size();
        if (n > MAX_VERTICES) {
            throw new IllegalArgumentException("n = " + n + " vertices: nested counts need at most 64");
        }
        int count = values.length;
        long[] rows = new long[count * n];
        ThresholdGraph.lowerRows(filtration.readOnlyLowerTriangular(), n, bounds, rows);
        CliqueCounts[] out = new CliqueCounts[count];
        long[] c = new long[4];
        boolean larger = false;
        // sparsest graph first: a larger clique there is one in every denser graph
        for (int r = count - 1; r >= 0; r--) {
            int base = r * n;
            c[0] = n;
            c[2] = 0;
            c[3] = 0;
            if (maxCliqueSize == 4) {
                larger = upToFour(rows, base, n, c, larger);
            } else {
                long m = 0;
                for (int i = 1; i < n; i++) {
                    m += Bits.count(rows[base + i]);
                }
                c[1] = m;
                if (maxCliqueSize == 1) {
                    larger = m > 0;
                } else if (maxCliqueSize == 2) {
                    larger = larger || hasTriangle(rows, base, n);
                } else {
                    larger = triangles(rows, base, n, c, larger);
                }
            }
            int top = maxCliqueSize;
            while (top > 0 && c[top - 1] == 0) {
                top--;
            }
            long[] counts = new long[top];
            System.arraycopy(c, 0, counts, 0, top);
            int g = order[r];
            out[g] = new CliqueCounts(counts, larger);
            edges[g] = (int) c[1];
        }
        return out;
    }

    /** Whether a triangle exists (the rows {@code base..base + n - 1}: neighbours below). */
    private static boolean hasTriangle(long[] rows, int base, int n) {
        for (int i = 2; i < n; i++) {
            long li = rows[base + i];
            for (long r = li; r != 0L; r &= r - 1) {
                if ((li & rows[base + Bits.lowest(r)]) != 0L) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Triangles into {@code c[2]}; whether a 4-clique exists (checked only while {@code larger} is false). */
    private static boolean triangles(long[] rows, int base, int n, long[] c, boolean larger) {
        long triangles = 0;
        for (int i = 2; i < n; i++) {
            long li = rows[base + i];
            for (long r = li; r != 0L; r &= r - 1) {
                long common = li & rows[base + Bits.lowest(r)];
                triangles += Bits.count(common);
                for (long q = common; q != 0L && !larger; q &= q - 1) {
                    larger = (common & rows[base + Bits.lowest(q)]) != 0L;
                }
            }
        }
        c[2] = triangles;
        return larger;
    }

    /**
     * Edges, triangles and 4-cliques into {@code c[1..3]}; whether a 5-clique exists (checked while not known). The
     * edges and triangles are counted by the loops that visit them; {@code Bits.count(third)} is written out because
     * C1 calls a method of its size.
     */
    private static boolean upToFour(long[] rows, int base, int n, long[] c, boolean larger) {
        long edges = 0;
        long triangles = 0;
        long quads = 0;
        for (int i = 1; i < n; i++) {
            long li = rows[base + i];
            for (long r = li; r != 0L; r &= r - 1) {
                edges++;
                long common = li & rows[base + Bits.lowest(r)];
                for (long q = common; q != 0L; q &= q - 1) {
                    triangles++;
                    long third = common & rows[base + Bits.lowest(q)];
                    if (third == 0L) {
                        continue;
                    }
                    long x = third - ((third >>> 1) & 0x5555555555555555L);
                    x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
                    quads += (((x + (x >>> 4)) & 0x0f0f0f0f0f0f0f0fL) * 0x0101010101010101L) >>> 56;
                    for (long t = third; t != 0L && !larger; t &= t - 1) {
                        larger = (third & rows[base + Bits.lowest(t)]) != 0L;
                    }
                }
            }
        }
        c[1] = edges;
        c[2] = triangles;
        c[3] = quads;
        return larger;
    }
}
