package org.attnplanes.topology.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.filtration.SparseDistances;
import org.attnplanes.topology.persistence.internal.SparseRipsEngine;

/**
 * Persistence barcodes of a {@link SparseDistances} input without building its {@code n × n} matrix.
 *
 * <ul>
 *   <li><b>Dimension 0</b> by union-find over the entries sorted by distance (Kruskal): a bar {@code [0, d)} per
 *       merging edge of positive length, one essential bar per connected component, isolated points included.
 *       Time {@code O(E log E + n)}.</li>
 *   <li><b>Dimensions ≥ 1</b>: a point with a single neighbour only ever adds a leaf to the complex (an
 *       elementary collapse at every filtration value), so such points are removed repeatedly (the 2-core);
 *       the flag complex of a disjoint union is the disjoint union of the flag complexes, so each connected
 *       component of the core is computed separately by {@link RipsPersistence}, on a matrix of its own
 *       points only. Bars of all components together are the barcode (same multiset as Ripser's).</li>
 * </ul>
 * Memory is {@code O(n + E)}: a component of the 2-core with {@code m} points and {@code e} entries goes to the
 * engine as its {@code m(m−1)/2} lower triangle only when that is small ({@code m <= 64}, or at most 4 cells per
 * entry); otherwise the engine runs on the entries themselves ({@link SparseRipsEngine}: neighbour lists and a
 * pair table, no {@code m × m} structure; edge collapse, an optional speed-up, is then not applied).
 *
 * <pre>{@code
 * Barcodes b = SparsePersistence.compute(new RipsPersistence(1), DistanceMatrixReader.readSparse(file), Float.POSITIVE_INFINITY);
 * }</pre>
 */
public final class SparsePersistence {

    private SparsePersistence() {
    }

    /**
     * Barcodes of dimensions {@code 0..algorithm.maxDimension()}; entries with distance {@code > threshold}
     * never enter.
     *
     * @throws IllegalArgumentException if the threshold is NaN or negative
     */
    public static Barcodes compute(RipsPersistence algorithm, SparseDistances d, float threshold) {
        return compute(algorithm, d, threshold, b -> { });
    }

    /**
     * As {@link #compute(RipsPersistence, SparseDistances, float)}, handing each dimension's barcode to
     * {@code eachDimension} as soon as it is final, dimension 0 first: H0 when the union–find is done, a higher
     * dimension when the last 2-core component has finished it (the earlier components are done by then).
     */
    public static Barcodes compute(RipsPersistence algorithm, SparseDistances d, float threshold,
                                   java.util.function.Consumer<Barcode> eachDimension) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(eachDimension, "eachDimension");
        Objects.requireNonNull(d, "d");
        if (!(threshold >= 0f)) {
            throw new IllegalArgumentException("threshold = " + threshold + " must be >= 0 (or +inf for none)");
        }
        int n = d.size();
        int[] kept = new int[d.entryCount()];
        int e = 0;
        for (int k = 0; k < d.entryCount(); k++) {
            if (d.value(k) <= threshold) {
                kept[e++] = k;
            }
        }
        kept = Arrays.copyOf(kept, e);
        List<Barcode> out = new ArrayList<>();
        out.add(new Barcode(0, dimensionZero(d, kept, n)));
        eachDimension.accept(out.get(0));
        int maxDim = algorithm.maxDimension();
        if (maxDim >= 1) {
            List<List<PersistenceInterval>> bars = new ArrayList<>();
            List<List<List<CochainEdge>>> reps = new ArrayList<>();
            for (int k = 1; k <= maxDim; k++) {
                bars.add(new ArrayList<>());
                reps.add(new ArrayList<>());
            }
            List<int[]> components = coreComponents(d, kept, n);
            List<Object> inputs = componentInputs(d, kept, n, components);
            for (int c = 0; c < components.size(); c++) {
                int[] component = components.get(c);
                Object input = inputs.get(c);
                inputs.set(c, null);
                boolean last = c == components.size() - 1;
                // the last component's dimensions complete the whole barcode's, one after the other
                java.util.function.Consumer<Barcode> each = bk -> {
                    int k = bk.dimension();
                    if (k == 0) {
                        return;
                    }
                    bars.get(k - 1).addAll(bk.intervals());
                    for (List<CochainEdge> cocycle : bk.representatives()) {
                        List<CochainEdge> mapped = new ArrayList<>(cocycle.size());
                        for (CochainEdge ce : cocycle) {
                            mapped.add(new CochainEdge(component[ce.u()], component[ce.v()], ce.coefficient()));
                        }
                        reps.get(k - 1).add(mapped);
                    }
                    if (last) {
                        finish(out, k, bars, reps, eachDimension);
                    }
                };
                if (input instanceof float[] lower) {
                    DistanceMatrix m = DistanceMatrix.fromLowerTriangular(component.length, lower);
                    algorithm.compute(Filtration.fromDistances(m), each);
                } else {
                    Entries en = (Entries) input;
                    SparseRipsEngine.compute(component.length, en.hi, en.lo, en.value, maxDim, algorithm.modulus(),
                            algorithm.representatives(), each);
                }
            }
            for (int k = out.size(); k <= maxDim; k++) {
                finish(out, k, bars, reps, eachDimension);     // no component (or one that stopped early)
            }
        }
        return new Barcodes(out);
    }

    /** Adds dimension {@code k}'s barcode of every component to {@code out} and hands it on. */
    private static void finish(List<Barcode> out, int k, List<List<PersistenceInterval>> bars,
                               List<List<List<CochainEdge>>> reps, java.util.function.Consumer<Barcode> each) {
        List<List<CochainEdge>> r = reps.get(k - 1);
        Barcode b = new Barcode(k, bars.get(k - 1), r.size() == bars.get(k - 1).size() ? r : List.of());
        out.add(b);
        each.accept(b);
    }

    private static List<PersistenceInterval> dimensionZero(SparseDistances d, int[] kept, int n) {
        Integer[] order = new Integer[kept.length];
        for (int t = 0; t < kept.length; t++) {
            order[t] = kept[t];
        }
        Arrays.sort(order, (x, y) -> Float.compare(d.value(x), d.value(y)));
        int[] parent = identity(n);
        List<PersistenceInterval> h0 = new ArrayList<>();
        int components = n;
        for (int k : order) {
            int a = find(parent, d.hi(k));
            int b = find(parent, d.lo(k));
            if (a != b) {
                parent[a] = b;
                components--;
                if (d.value(k) > 0f) {
                    h0.add(new PersistenceInterval(0f, d.value(k)));
                }
            }
        }
        for (int c = 0; c < components; c++) {
            h0.add(PersistenceInterval.essential(0f));
        }
        return h0;
    }

    /** Connected components (vertex lists, ascending) of the 2-core of the kept edges; those of ≥ 3 points. */
    private static List<int[]> coreComponents(SparseDistances d, int[] kept, int n) {
        int[] degree = new int[n];
        for (int k : kept) {
            degree[d.hi(k)]++;
            degree[d.lo(k)]++;
        }
        int[] start = new int[n + 1];
        for (int v = 0; v < n; v++) {
            start[v + 1] = start[v] + degree[v];
        }
        int[] adj = new int[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int k : kept) {
            adj[fill[d.hi(k)]++] = d.lo(k);
            adj[fill[d.lo(k)]++] = d.hi(k);
        }
        boolean[] removed = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        for (int v = 0; v < n; v++) {
            if (degree[v] <= 1) {
                removed[v] = true;
                stack[top++] = v;
            }
        }
        while (top > 0) {
            int v = stack[--top];
            for (int t = start[v]; t < start[v + 1]; t++) {
                int w = adj[t];
                if (!removed[w] && --degree[w] <= 1) {
                    removed[w] = true;
                    stack[top++] = w;
                }
            }
        }
        List<int[]> components = new ArrayList<>();
        boolean[] seen = new boolean[n];
        for (int s = 0; s < n; s++) {
            if (removed[s] || seen[s]) {
                continue;
            }
            int size = 0;
            stack[size++] = s;
            seen[s] = true;
            for (int q = 0; q < size; q++) {
                int v = stack[q];
                for (int t = start[v]; t < start[v + 1]; t++) {
                    int w = adj[t];
                    if (!removed[w] && !seen[w]) {
                        seen[w] = true;
                        stack[size++] = w;
                    }
                }
            }
            if (size >= 3) {
                int[] comp = Arrays.copyOf(stack, size);
                Arrays.sort(comp);
                components.add(comp);
            }
        }
        return components;
    }

    /** The entries of one component in its own vertex numbers ({@code hi > lo}). */
    private record Entries(int[] hi, int[] lo, float[] value) {
    }

    /**
     * A component is given to the engine as a dense lower triangle when that costs at most
     * {@value #DENSE_FACTOR} cells per entry (or it has at most {@value #DENSE_MAX_POINTS} points, the small-plane
     * path), else as its entries (memory and time proportional to them).
     */
    private static final int DENSE_FACTOR = 4;
    private static final int DENSE_MAX_POINTS = 64;

    /**
     * Each component's input in one pass over the entries: its lower triangle ({@code +∞} for missing pairs) or
     * its {@link Entries}.
     */
    private static List<Object> componentInputs(SparseDistances d, int[] kept, int n, List<int[]> components) {
        int[] compOf = new int[n];
        int[] local = new int[n];
        Arrays.fill(compOf, -1);
        for (int c = 0; c < components.size(); c++) {
            int[] comp = components.get(c);
            for (int t = 0; t < comp.length; t++) {
                compOf[comp[t]] = c;
                local[comp[t]] = t;
            }
        }
        int[] entries = new int[components.size()];
        for (int k : kept) {
            int c = compOf[d.hi(k)];
            if (c >= 0 && compOf[d.lo(k)] == c) {
                entries[c]++;
            }
        }
        List<Object> out = new ArrayList<>();
        for (int c = 0; c < components.size(); c++) {
            int m = components.get(c).length;
            long cells = (long) m * (m - 1) / 2;
            if (m <= DENSE_MAX_POINTS || cells <= (long) DENSE_FACTOR * entries[c]) {
                float[] lower = new float[(int) cells];
                Arrays.fill(lower, Float.POSITIVE_INFINITY);
                out.add(lower);
            } else {
                out.add(new Entries(new int[entries[c]], new int[entries[c]], new float[entries[c]]));
            }
        }
        int[] fill = new int[components.size()];
        for (int k : kept) {
            int c = compOf[d.hi(k)];
            if (c >= 0 && compOf[d.lo(k)] == c) {
                // components are ascending, so local i > j exactly when the original indices are
                int i = local[d.hi(k)];
                int j = local[d.lo(k)];
                if (out.get(c) instanceof float[] lower) {
                    lower[(int) ((long) i * (i - 1) / 2) + j] = d.value(k);
                } else {
                    Entries e = (Entries) out.get(c);
                    e.hi[fill[c]] = i;
                    e.lo[fill[c]] = j;
                    e.value[fill[c]] = d.value(k);
                    fill[c]++;
                }
            }
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
