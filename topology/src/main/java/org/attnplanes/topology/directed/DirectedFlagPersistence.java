package org.attnplanes.topology.directed;

import org.attnplanes.topology.internal.Bits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * Persistent homology (Z/2) of the <em>directed flag complex</em> of a weighted directed graph, the complex
 * flagser computes (Lütgehetmann, Govc, Smith, Levi 2020; Reimann et al. 2017): a k-simplex is a sequence of
 * distinct vertices {@code (v0, …, vk)} with an arc {@code va → vb} for every {@code a < b} (a directed
 * (k+1)-clique; the same vertex set can carry several simplices, e.g. both {@code (i, j)} and {@code (j, i)}
 * for a reciprocal pair). Vertices enter at 0 and a simplex at the largest value of its arcs (flagser's
 * {@code max} filtration). The face {@code d_a} drops {@code v_a}.
 *
 * <p>For attention the arc {@code i → j} is query i attending key j, present iff {@code A[i][j] > 0} and
 * {@code A[i][j] >= minWeight}, entering at {@code 1 − A[i][j]}; the diagonal is ignored. Reversing every arc
 * gives an isomorphic complex, so the barcodes do not depend on that orientation. A causal (decoder) plane is
 * acyclic, so its directed flag complex is an ordered simplicial complex.
 *
 * <p>Simplices are enumerated by extending each simplex with the common out-neighbours of all its vertices
 * (bitsets), as flagser does; the boundary matrices up to dimension {@code maxDimension + 1} are reduced by
 * the standard algorithm with clearing (Chen–Kerber). Dense planes have many directed cliques (an n-vertex
 * tournament-free complete digraph has n!/(n−k−1)! k-simplices), so the enumeration stops with an {@link
 * IllegalStateException} beyond {@code maxSimplices}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DirectedFlagPersistence {

    /** Default cap on the number of simplices. */
    public static final long DEFAULT_MAX_SIMPLICES = 5_000_000L;

    private final int maxDimension;
    private final long maxSimplices;

    /**
     * @param maxDimension highest homology dimension, in {@code [0, 3]}
     * @param maxSimplices cap on the simplices of dimensions {@code 0 .. maxDimension + 1}
     */
    public DirectedFlagPersistence(int maxDimension, long maxSimplices) {
        if (maxDimension < 0 || maxDimension > 3) {
            throw new IllegalArgumentException("maxDimension = " + maxDimension + " is outside [0, 3]");
        }
        if (maxSimplices < 1) {
            throw new IllegalArgumentException("maxSimplices = " + maxSimplices + " must be >= 1");
        }
        this.maxDimension = maxDimension;
        this.maxSimplices = maxSimplices;
    }

    /** The arcs of an attention matrix: {@code i → j} iff {@code A[i][j] > 0} and {@code >= minWeight}, value {@code 1 − A[i][j]}. */
    public static float[] arcValues(AttentionMatrix attention, float minWeight) {
        int n = attention.size();
        float[] v = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float w = attention.weight(i, j);
                v[i * n + j] = i != j && w > 0f && w >= minWeight ? 1f - w : Float.POSITIVE_INFINITY;
            }
        }
        return v;
    }

    /** Barcodes of an attention plane ({@link #arcValues}). */
    public Barcodes compute(AttentionMatrix attention, float minWeight) {
        Objects.requireNonNull(attention, "attention");
        return compute(attention.size(), arcValues(attention, minWeight));
    }

    /**
     * Barcodes of a directed graph.
     *
     * @param n         number of vertices
     * @param arcValues row-major n × n: the value at which arc {@code i → j} enters, {@code +∞} if absent
     *                  (the diagonal is ignored); finite values must be {@code >= 0}
     */
    public Barcodes compute(int n, float[] arcValues) {
        if (arcValues.length != n * n) {
            throw new IllegalArgumentException("arcValues has " + arcValues.length + " entries; n² = " + n * n);
        }
        int top = maxDimension + 1;
        long[][] out = new long[n][(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float v = arcValues[i * n + j];
                if (i != j && v != Float.POSITIVE_INFINITY) {
                    if (!(v >= 0f)) {
                        throw new IllegalArgumentException("arc " + i + " -> " + j + " has value " + v
                                + "; values must be >= 0 or +inf");
                    }
                    out[i][j >>> 6] |= 1L << j;
                }
            }
        }
        // simplices[k] = flattened vertex sequences (k + 1 per simplex), values[k] = filtration values
        List<int[]> simplices = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int[] s0 = new int[n];
        for (int i = 0; i < n; i++) {
            s0[i] = i;
        }
        simplices.add(s0);
        values.add(new float[n]);
        long total = n;
        for (int k = 1; k <= top; k++) {
            int[] prev = simplices.get(k - 1);
            float[] prevVal = values.get(k - 1);
            IntBuffer verts = new IntBuffer();
            FloatBuffer vals = new FloatBuffer();
            long[] common = new long[out.length == 0 ? 0 : out[0].length];
            int count = prev.length / k;
            for (int s = 0; s < count; s++) {
                System.arraycopy(out[prev[s * k]], 0, common, 0, common.length);
                for (int a = 1; a < k; a++) {
                    long[] o = out[prev[s * k + a]];
                    for (int w = 0; w < common.length; w++) {
                        common[w] &= o[w];
                    }
                }
                for (int w = 0; w < common.length; w++) {
                    long bits = common[w];
                    while (bits != 0) {
                        int v = (w << 6) + Bits.lowest(bits);
                        bits &= bits - 1;
                        float val = prevVal[s];
                        for (int a = 0; a < k; a++) {
                            val = Math.max(val, arcValues[prev[s * k + a] * n + v]);
                        }
                        for (int a = 0; a < k; a++) {
                            verts.add(prev[s * k + a]);
                        }
                        verts.add(v);
                        vals.add(val);
                        if (++total > maxSimplices) {
                            throw new IllegalStateException("the directed flag complex has more than " + maxSimplices
                                    + " simplices up to dimension " + top + " (n = " + n
                                    + "); raise the minimum weight or lower the dimension");
                        }
                    }
                }
            }
            simplices.add(verts.toArray());
            values.add(vals.toArray());
        }
        return reduce(n, simplices, values);
    }

    private Barcodes reduce(int n, List<int[]> simplices, List<float[]> values) {
        int top = maxDimension + 1;
        // filtration order within each dimension: by value, then enumeration order
        int[][] order = new int[top + 1][];
        int[][] position = new int[top + 1][];
        for (int k = 0; k <= top; k++) {
            float[] v = values.get(k);
            Integer[] idx = new Integer[v.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> v[a] != v[b] ? Float.compare(v[a], v[b]) : Integer.compare(a, b));
            order[k] = new int[idx.length];
            position[k] = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                order[k][i] = idx[i];
                position[k][idx[i]] = i;
            }
        }
        // pivotOf[k][row position] = column position in dimension k+1 whose reduced pivot is that row, or -1
        List<List<PersistenceInterval>> bars = new ArrayList<>();
        for (int k = 0; k <= maxDimension; k++) {
            bars.add(new ArrayList<>());
        }
        boolean[][] killed = new boolean[top + 1][]; // simplex (by position) is a pivot (negative partner)
        boolean[][] negative = new boolean[top + 1][]; // column reduced to non-zero
        for (int k = 0; k <= top; k++) {
            killed[k] = new boolean[order[k].length];
            negative[k] = new boolean[order[k].length];
        }
        // reduce from the top dimension down, clearing columns that are pivots of the dimension above
        for (int k = top; k >= 1; k--) {
            Map<Long, Integer> faceIndex = index(simplices.get(k - 1), k, n);
            int[] verts = simplices.get(k);
            float[] val = values.get(k);
            float[] faceVal = values.get(k - 1);
            int cols = order[k].length;
            int[][] reduced = new int[cols][];
            int[] pivotOwner = new int[order[k - 1].length];
            Arrays.fill(pivotOwner, -1);
            for (int c = 0; c < cols; c++) {
                if (killed[k][c]) {
                    continue; // clearing: a pivot of ∂_{k+1} is a positive simplex, its column of ∂_k reduces to 0
                }
                int s = order[k][c];
                int[] col = new int[k + 1];
                for (int a = 0; a <= k; a++) {
                    col[a] = position[k - 1][faceIndex.get(faceKey(verts, s * (k + 1), k + 1, a, n))];
                }
                Arrays.sort(col);
                col = cancelPairs(col);
                while (col.length > 0) {
                    int piv = col[col.length - 1];
                    int owner = pivotOwner[piv];
                    if (owner < 0) {
                        break;
                    }
                    col = symmetricDifference(col, reduced[owner]);
                }
                if (col.length > 0) {
                    int piv = col[col.length - 1];
                    pivotOwner[piv] = c;
                    reduced[c] = col;
                    negative[k][c] = true;
                    killed[k - 1][piv] = true;
                    int dim = k - 1;
                    if (dim <= maxDimension) {
                        float birth = faceVal[order[k - 1][piv]];
                        float death = val[s];
                        if (death > birth) {
                            bars.get(dim).add(new PersistenceInterval(birth, death));
                        }
                    }
                }
            }
        }
        // essential classes: positive simplices (column zero in ∂_k, every vertex for k = 0) never killed
        List<Barcode> out = new ArrayList<>();
        for (int k = 0; k <= maxDimension; k++) {
            float[] val = values.get(k);
            for (int p = 0; p < order[k].length; p++) {
                if (!negative[k][p] && !killed[k][p]) {
                    bars.get(k).add(PersistenceInterval.essential(val[order[k][p]]));
                }
            }
            out.add(new Barcode(k, bars.get(k)));
        }
        return new Barcodes(out);
    }

    private static Map<Long, Integer> index(int[] verts, int len, int n) {
        int count = verts.length / len;
        Map<Long, Integer> m = new HashMap<>(count * 2);
        for (int s = 0; s < count; s++) {
            long key = 0;
            for (int a = 0; a < len; a++) {
                key = key * n + verts[s * len + a];
            }
            m.put(key, s);
        }
        return m;
    }

    /** Key of the face of simplex at {@code offset} (length {@code len}) without vertex {@code drop}. */
    private static long faceKey(int[] verts, int offset, int len, int drop, int n) {
        long key = 0;
        for (int a = 0; a < len; a++) {
            if (a != drop) {
                key = key * n + verts[offset + a];
            }
        }
        return key;
    }

    private static int[] cancelPairs(int[] sorted) {
        int[] out = new int[sorted.length];
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i + 1 < sorted.length && sorted[i] == sorted[i + 1]) {
                i++;
            } else {
                out[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static int[] symmetricDifference(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int m = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                out[m++] = a[i++];
            } else if (a[i] > b[j]) {
                out[m++] = b[j++];
            } else {
                i++;
                j++;
            }
        }
        while (i < a.length) {
            out[m++] = a[i++];
        }
        while (j < b.length) {
            out[m++] = b[j++];
        }
        return Arrays.copyOf(out, m);
    }

    /** Highest homology dimension computed. */
    public int maxDimension() {
        return maxDimension;
    }

    private static final class IntBuffer {
        private int[] a = new int[64];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    private static final class FloatBuffer {
        private float[] a = new float[64];
        private int size;

        void add(float v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
