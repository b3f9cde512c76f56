package org.attnplanes.topology.persistence.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;

/**
 * {@link RipsEngine} on a sparse input, backed by its entries ({@link SparseEdges}) instead of a lower triangle.
 */
public final class SparseRipsEngine {

    private SparseRipsEngine() {
    }

    /**
     * The barcodes of a flag filtration given by its entries only (a sparse input), with memory and time
     * proportional to the entries rather than to {@code n²}: the same algorithm as {@link RipsEngine#compute} on neighbour
     * lists, with the distances of the other pairs looked up by pair ({@link SparseEdges}) instead of read from a
     * lower triangle; pairs that are not entries never enter. No edge collapse and no small-plane path.
     *
     * @param n        number of vertices (vertex numbers below 65,536)
     * @param hi       larger vertex of each entry
     * @param lo       smaller vertex of each entry; no pair twice
     * @param value    distance of each entry, finite and {@code >= 0}
     * @param sink     receives each dimension's barcode as soon as it is final, or null
     */
    public static Barcodes compute(int n, int[] hi, int[] lo, float[] value, int maxDimension, int modulus,
            boolean representatives, Consumer<Barcode> sink) {
        List<Barcode> out = new ArrayList<>();
        if (n < 2) {
            return RipsEngine.compute(new float[0], n, maxDimension, modulus, false, representatives, sink);
        }
        int m = hi.length;
        // the enclosing radius: +inf unless every vertex has an entry to every other one
        float radius = Float.POSITIVE_INFINITY;
        if (n >= 2 && (long) m == (long) n * (n - 1) / 2) {
            float[] rowMax = new float[n];
            for (int k = 0; k < m; k++) {
                rowMax[hi[k]] = Math.max(rowMax[hi[k]], value[k]);
                rowMax[lo[k]] = Math.max(rowMax[lo[k]], value[k]);
            }
            for (float r : rowMax) {
                radius = Math.min(radius, r);
            }
        }
        boolean closeAtRadius = !representatives && radius > 0f && radius != Float.POSITIVE_INFINITY;
        float threshold = closeAtRadius ? Math.nextDown(radius) : Math.min(radius, Float.MAX_VALUE);
        int[] h = new int[m];
        int[] l = new int[m];
        float[] v = new float[m];
        int kept = 0;
        for (int k = 0; k < m; k++) {
            if (value[k] <= threshold) {
                h[kept] = hi[k];
                l[kept] = lo[k];
                v[kept] = value[k];
                kept++;
            }
        }
        int dimMax = Math.max(0, Math.min(maxDimension, n - 2));
        RipsEngine engine = new RipsEngine(null, h, l, v, kept, n, dimMax, modulus, threshold, true,
                representatives);
        return engine.run(out, closeAtRadius, radius, maxDimension, representatives, sink);
    }

    /** Ascending neighbour lists of the entries {@code (hi[k], lo[k])}, {@code k < count}. */
    static int[][] neighbourLists(int n, int[] hi, int[] lo, int count) {
        int[] deg = new int[n];
        for (int k = 0; k < count; k++) {
            deg[hi[k]]++;
            deg[lo[k]]++;
        }
        int[][] lists = new int[n][];
        for (int i = 0; i < n; i++) {
            lists[i] = new int[deg[i]];
            deg[i] = 0;
        }
        for (int k = 0; k < count; k++) {
            lists[hi[k]][deg[hi[k]]++] = lo[k];
            lists[lo[k]][deg[lo[k]]++] = hi[k];
        }
        for (int[] l : lists) {
            Arrays.sort(l);
        }
        return lists;
    }


}
