package org.attnplanes.topology.filtration;

import java.util.Objects;
import java.util.function.Supplier;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.Plane;

/**
 * A flag (Vietoris–Rips / clique-complex) filtration: every vertex enters at 0, an edge {i, j} enters at
 * {@link #value(int, int)}, and a simplex enters when its last edge does (the maximum of its edge values).
 * Immutable and thread-safe.
 *
 * <h2>From attention weights</h2>
 * An edge of weight {@code w ∈ [0, 1]} enters at {@code 1 − w} (computed once in float32), so the strongest
 * relations appear first and the clique complex at value {@code t} is that of the threshold graph
 * {@code {ij : w_ij ≥ 1 − t}} (up to float round-off at exact ties, see below). A bar {@code [b, d)} in
 * filtration units is the weight interval {@code (1 − d, 1 − b]}.
 * <ul>
 *   <li><b>Directed input</b> ({@link #fromWeights(AttentionMatrix)}): the pair uses {@code max(w_ij, w_ji)}
 *       (an edge exists when either direction attends; Kushnareva et al. 2021's convention).</li>
 *   <li><b>Diagonal</b> (self-attention) is ignored: vertices always enter at 0.</li>
 *   <li><b>Zero weights</b> enter last, at 1; they are not "missing". Use a minimum weight to drop edges:
 *       edges with {@code w < minWeight} never enter (decided in the weight domain, so there is no
 *       {@code 1 − 0.7 = 0.30000000000000004} surprise).</li>
 *   <li><b>Ties</b> (equal values) are allowed; the barcode (multiset of intervals of positive length) does not
 *       depend on how they are broken, persistence pairs and representatives do (the engine breaks ties like
 *       Ripser: larger combinatorial index first).</li>
 * </ul>
 *
 * <h2>Threshold</h2>
 * An optional threshold {@code T}: edges with value {@code > T} never enter (Ripser's {@code --threshold}).
 * {@code +∞} (the default) keeps every finite edge.
 *
 * <pre>{@code
 * Filtration f = Filtration.fromPlane(graph.planes().get(3), 0.1f);   // only weights >= 0.1
 * Barcodes b = new RipsPersistence(2).compute(f);
 * }</pre>
 */
public final class Filtration {

    private final DistanceMatrix distances;
    private final float threshold;
    /** The convention text, or a {@code Supplier<String>} of it (made when asked: most are never read). */
    private final Object convention;

    private Filtration(DistanceMatrix distances, float threshold, Object convention) {
        this.distances = distances;
        this.threshold = threshold;
        this.convention = convention;
    }

    /** The flag filtration of a distance matrix: edge {i, j} enters at {@code d(i, j)}; no threshold. */
    public static Filtration fromDistances(DistanceMatrix distances) {
        Objects.requireNonNull(distances, "distances");
        return new Filtration(distances, Float.POSITIVE_INFINITY, "distances");
    }

    /**
     * Same as {@link #fromDistances(DistanceMatrix)} with a threshold: edges with {@code d > threshold}
     * never enter.
     *
     * @throws IllegalArgumentException if the threshold is NaN or negative
     */
    public static Filtration fromDistances(DistanceMatrix distances, float threshold) {
        return fromDistances(distances).withThreshold(threshold);
    }

    /**
     * The filtration of an attention matrix, edge {i, j} entering at {@code 1 − max(w_ij, w_ji)}; the
     * diagonal is ignored. Weights must be in {@code [0, 1]}.
     *
     * @throws IllegalArgumentException naming the first weight outside {@code [0, 1]}
     */
    public static Filtration fromWeights(AttentionMatrix weights) {
        return fromWeights(weights, 0f);
    }

    /**
     * Like {@link #fromWeights(AttentionMatrix)}, but edges whose symmetrized weight is {@code < minWeight}
     * never enter (a sparse filtration). {@code minWeight = 0} keeps every edge.
     *
     * @throws IllegalArgumentException if {@code minWeight} is not in {@code [0, 1]} or a weight is outside
     *                                  {@code [0, 1]}
     */
    public static Filtration fromWeights(AttentionMatrix weights, float minWeight) {
        return fromWeights(weights, minWeight, -1f,
                "1 - max(w_ij, w_ji) of an attention matrix" + (minWeight > 0 ? ", weights < " + minWeight
                        + " dropped" : ""));
    }

    /**
     * Like {@link #fromWeights(AttentionMatrix)}, with every weight {@code <= zeroAtOrBelow} taken as 0 first (the
     * {@code lower_bound} of Kushnareva et al.'s barcode features): such a pair enters at 1 unless the other
     * direction's weight is larger.
     *
     * @throws IllegalArgumentException naming the first weight outside {@code [0, 1]}
     */
    public static Filtration fromWeights(AttentionMatrix weights, float minWeight, float zeroAtOrBelow,
                                         String convention) {
        Objects.requireNonNull(weights, "weights");
        return fromWeights(weights.size(), weights.toArray(), minWeight, zeroAtOrBelow, convention);
    }

    /**
     * As {@link #fromWeights(AttentionMatrix, float, float, String)} for the row-major {@code n × n} weights
     * {@code a}, which are only read (no copy).
     *
     * @throws IllegalArgumentException if {@code a.length != n²}, or as the matrix version
     */
    public static Filtration fromWeights(int n, float[] a, float minWeight, float zeroAtOrBelow, String convention) {
        Objects.requireNonNull(a, "a");
        checkMinWeight(minWeight);
        if (n < 0 || a.length != (long) n * n) {
            throw new IllegalArgumentException("a.length = " + a.length + " must be n² for n = " + n);
        }
        float[] lower = new float[(int) ((long) n * (n - 1) / 2)];
        // max(x, y) and "w <= zeroAtOrBelow" on the raw bits, branch-free (C1 compiles float comparisons to branches,
        // which mispredict on attention): x and y are in [0, 1], -0 taken as +0 (as good as +0 below: 1 - w, w
        // against the bounds), and non-negative floats order like their bits; a bound below 0 (or NaN) zeroes
        // nothing, a bound of 0 only zeroes 0
        int zb = zeroAtOrBelow >= 0f ? Float.floatToRawIntBits(Math.abs(zeroAtOrBelow)) : -1;
        int k = 0;
        for (int i = 1; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < i; j++) {
                float x = a[row + j];
                float y = a[j * n + i];
                if (!(x >= 0f && x <= 1f && y >= 0f && y <= 1f)) {
                    checkWeight("weight", i, j, x);
                    checkWeight("weight", j, i, y);
                }
                int xb = Float.floatToRawIntBits(x);
                int yb = Float.floatToRawIntBits(y);
                xb &= ~(xb >> 31);
                yb &= ~(yb >> 31);
                int t = xb - yb;
                int wb = xb - (t & (t >> 31));
                wb &= (zb - wb) >> 31;
                float w = Float.intBitsToFloat(wb);
                lower[k++] = w < minWeight ? Float.POSITIVE_INFINITY : 1f - w;
            }
        }
        // values are 1 - w with w in [0, 1], or +inf: valid distances
        return new Filtration(DistanceMatrix.wrapValidLowerTriangular(n, lower), Float.POSITIVE_INFINITY,
                Objects.requireNonNull(convention, "convention"));
    }

    /**
     * The filtration of a plane from its normalized weights {@link Plane#weight(int, int)}: edge {i, j} enters
     * at {@code 1 − w(i, j)}. For a directed plane the pair uses {@code max(w_ij, w_ji)}. The diagonal
     * ({@link Plane#selfWeight(int)}) is ignored. All weights are used, not only the edges kept by pruning.
     *
     * @throws IllegalArgumentException if a weight is outside {@code [0, 1]} (a signed difference plane)
     */
    public static Filtration fromPlane(Plane plane) {
        return fromPlane(plane, 0f);
    }

    /**
     * Like {@link #fromPlane(Plane)}; edges with (symmetrized) weight {@code < minWeight} never enter.
     *
     * @throws IllegalArgumentException if {@code minWeight} is outside {@code [0, 1]} or a weight is
     */
    public static Filtration fromPlane(Plane plane, float minWeight) {
        Objects.requireNonNull(plane, "plane");
        if (plane.bipartite()) {
            return fromPlaneUnipartite(plane, minWeight).bipartite(plane.targetCount());
        }
        return fromPlaneUnipartite(plane, minWeight);
    }

    private static Filtration fromPlaneUnipartite(Plane plane, float minWeight) {
        if (plane.directed()) {
            String what = planeName(plane);
            return fromWeightFunction(plane.size(), (i, j) -> Math.max(plane.weight(i, j), plane.weight(j, i)),
                    minWeight, "1 - max(w_ij, w_ji) of " + what + " (directed)"
                            + (minWeight > 0 ? ", weights < " + minWeight + " dropped" : ""));
        }
        checkMinWeight(minWeight);
        // the plane's weights in one pass (the same values as plane::weight through fromWeightFunction)
        float[] lower = plane.weightsLowerTriangular();
        int n = plane.size();
        if (minWeight == 0f) {
            // the usual case, branch-free (C1 compiles float comparisons to branches): 1 − w for every pair, and a
            // flag from the bits (negative iff a weight has its sign bit set, is above 1 or NaN); when flagged, the
            // checked loop below redoes the triangle from the plane's weights read again (−0 passes there)
            int bad = 0;
            for (int k = 0; k < lower.length; k++) {
                float w = lower[k];
                int b = Float.floatToRawIntBits(w);
                bad |= b | (0x3F800000 - b);
                lower[k] = 1f - w;
            }
            if (bad >= 0) {
                Supplier<String> convention = () -> "1 - w of " + planeName(plane);
                return new Filtration(DistanceMatrix.wrapValidLowerTriangular(n, lower), Float.POSITIVE_INFINITY,
                        convention);
            }
            lower = plane.weightsLowerTriangular();
        }
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++, k++) {
                float w = lower[k];
                if (!(w >= 0f && w <= 1f)) {
                    checkWeight("weight", i, j, w);
                }
                lower[k] = w < minWeight ? Float.POSITIVE_INFINITY : 1f - w;
            }
        }
        // values are 1 - w with w in [0, 1], or +inf: valid distances; the text is made when asked for
        Supplier<String> convention = () -> "1 - w of " + planeName(plane) + (minWeight > 0 ? ", weights < "
                + minWeight + " dropped" : "");
        return new Filtration(DistanceMatrix.wrapValidLowerTriangular(n, lower), Float.POSITIVE_INFINITY, convention);
    }

    private static String planeName(Plane plane) {
        return "plane " + plane.index() + " (" + (plane.bipartite() ? "cross " : "") + "layer " + plane.layer()
                + ", head " + plane.headLabel() + ")";
    }

    /**
     * The filtration of an undirected weight function given as a symmetric function of pairs, edge {i, j}
     * entering at {@code 1 − w(i, j)} (used by {@code fromPlane}; public for callers holding their own
     * weights). Only {@code i > j} is queried.
     *
     * @param size       number of vertices
     * @param weight     weights in {@code [0, 1]}
     * @param minWeight  edges with {@code w < minWeight} never enter; 0 keeps all
     * @param convention a short description recorded in {@link #convention()}
     */
    public static Filtration fromWeightFunction(int size, PairWeight weight, float minWeight, String convention) {
        Objects.requireNonNull(weight, "weight");
        checkMinWeight(minWeight);
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + " must be >= 0");
        }
        float[] lower = new float[(int) ((long) size * (size - 1) / 2)];
        int k = 0;
        for (int i = 1; i < size; i++) {
            for (int j = 0; j < i; j++) {
                float w = weight.weight(i, j);
                checkWeight("weight", i, j, w);
                lower[k++] = w < minWeight ? Float.POSITIVE_INFINITY : 1f - w;
            }
        }
        return new Filtration(DistanceMatrix.wrapLowerTriangular(size, lower), Float.POSITIVE_INFINITY,
                Objects.requireNonNull(convention, "convention"));
    }

    /**
     * This filtration restricted to a <b>bipartite</b> graph: vertices {@code 0..targets−1} against the rest; a pair
     * on one side never enters (its value becomes +∞), whatever its weight. A cross-attention plane's filtration
     * ({@link #fromPlane} does this for a bipartite {@link Plane}): its threshold graphs have no triangles, so the
     * clique complex is the graph itself (no 2-simplices) and β1 = E − V + β0 at every threshold.
     *
     * @throws IllegalArgumentException unless {@code 0 < targets < size()}
     */
    public Filtration bipartite(int targets) {
        int n = size();
        if (targets <= 0 || targets >= n) {
            throw new IllegalArgumentException("targets = " + targets + " must be in [1, " + (n - 1) + "] for "
                    + n + " vertices");
        }
        float[] lower = distances.toLowerTriangular();
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if ((i < targets) == (j < targets)) {
                    lower[k] = Float.POSITIVE_INFINITY;
                }
                k++;
            }
        }
        Supplier<String> convention = () -> convention() + "; bipartite: vertices 0.." + (targets - 1) + " against "
                + targets + ".." + (n - 1) + ", same-side pairs never enter";
        return new Filtration(DistanceMatrix.wrapLowerTriangular(n, lower), threshold, convention);
    }

    /** A weight for each unordered pair {@code i > j}. */
    @FunctionalInterface
    public interface PairWeight {
        /** The weight of pair {@code (i, j)}, {@code i > j}, in {@code [0, 1]}. */
        float weight(int i, int j);
    }

    private static void checkMinWeight(float minWeight) {
        if (!(minWeight >= 0f && minWeight <= 1f)) {
            throw new IllegalArgumentException("minWeight = " + minWeight + " must be in [0, 1]");
        }
    }

    private static void checkWeight(String what, int i, int j, float w) {
        if (!(w >= 0f && w <= 1f)) {
            throw new IllegalArgumentException(what + "(" + i + ", " + j + ") = " + w
                    + " is outside [0, 1]; a filtration 1 - w needs weights in [0, 1]"
                    + (w < 0 ? " (signed difference planes have no filtration)" : ""));
        }
    }

    /**
     * This filtration with a threshold: edges with value {@code > threshold} never enter.
     *
     * @throws IllegalArgumentException if the threshold is NaN or negative
     */
    public Filtration withThreshold(float threshold) {
        if (!(threshold >= 0f)) {
            throw new IllegalArgumentException("threshold = " + threshold + " must be >= 0 (or +inf for none)");
        }
        return new Filtration(distances, threshold, convention);
    }

    /** Number of vertices. */
    public int size() {
        return distances.size();
    }

    /**
     * The value at which edge {i, j} enters, or {@code +∞} if it never enters (missing or beyond the
     * threshold); 0 when {@code i == j}.
     */
    public float value(int i, int j) {
        float d = distances.distance(i, j);
        return d <= threshold ? d : Float.POSITIVE_INFINITY;
    }

    /** The threshold ({@code +∞} when none). */
    public float threshold() {
        return threshold;
    }

    /** The underlying distances (before the threshold is applied). */
    public DistanceMatrix distances() {
        return distances;
    }

    /** How the values were made (for provenance), e.g. {@code "1 - max(w_ij, w_ji) of an attention matrix"}. */
    public String convention() {
        if (convention instanceof String text) {
            return text;
        }
        @SuppressWarnings("unchecked")
        Supplier<String> text = (Supplier<String>) convention;
        return text.get();
    }

    /** Number of edges that enter (finite value {@code <= threshold}). */
    public long edgeCount() {
        float[] lower = distances.lowerTriangleView();
        long c = 0;
        for (float d : lower) {
            if (d <= threshold && d != Float.POSITIVE_INFINITY) {
                c++;
            }
        }
        return c;
    }

    /**
     * The same values as {@link #valuesLowerTriangular()}, without a copy when no threshold applies: the array
     * may be this filtration's own storage, so the caller must <b>not modify</b> it. For the engines and
     * statistics that only read the values of a filtration (each copy of a plane's triangle costs as much as
     * reading it).
     */
    public float[] readOnlyLowerTriangular() {
        return threshold == Float.POSITIVE_INFINITY ? distances.lowerShared() : valuesLowerTriangular();
    }

    /**
     * The distances without the threshold applied (see {@link #threshold()}), this filtration's own storage: the
     * caller must <b>not modify</b> the array.
     */
    public float[] readOnlyDistanceValues() {
        return distances.lowerShared();
    }

    /** Whether {@code other} has the same size and the same values (bit for bit, threshold applied) as this. */
    public boolean sameValues(Filtration other) {
        return java.util.Arrays.equals(readOnlyLowerTriangular(), other.readOnlyLowerTriangular());
    }

    /**
     * Whether this filtration has the values of {@code fromWeights(n, a, 0, zeroAtOrBelow, …)} (as
     * {@link #sameValues} of the two: bit for bit, threshold applied), found without building that filtration; stops
     * at the first difference. False if {@code a} is not {@code n × n} or holds a weight outside [0, 1].
     */
    public boolean sameValuesAsWeights(int n, float[] a, float zeroAtOrBelow) {
        if (size() != n || a.length != (long) n * n) {
            return false;
        }
        float[] lower = readOnlyLowerTriangular();
        // fromWeights's arithmetic (see there)
        int zb = zeroAtOrBelow >= 0f ? Float.floatToRawIntBits(Math.abs(zeroAtOrBelow)) : -1;
        int k = 0;
        for (int i = 1; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < i; j++) {
                float x = a[row + j];
                float y = a[j * n + i];
                if (!(x >= 0f && x <= 1f && y >= 0f && y <= 1f)) {
                    return false;
                }
                int xb = Float.floatToRawIntBits(x);
                int yb = Float.floatToRawIntBits(y);
                xb &= ~(xb >> 31);
                yb &= ~(yb >> 31);
                int t = xb - yb;
                int wb = xb - (t & (t >> 31));
                wb &= (zb - wb) >> 31;
                if (Float.floatToIntBits(lower[k++]) != Float.floatToIntBits(1f - Float.intBitsToFloat(wb))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The compressed lower triangle with the threshold applied ({@code +∞} for edges that never enter);
     * a fresh array.
     */
    public float[] valuesLowerTriangular() {
        float[] lower = distances.toLowerTriangular();
        if (threshold != Float.POSITIVE_INFINITY) {
            for (int k = 0; k < lower.length; k++) {
                if (lower[k] > threshold) {
                    lower[k] = Float.POSITIVE_INFINITY;
                }
            }
        }
        return lower;
    }

    @Override
    public String toString() {
        return "Filtration[" + size() + " vertices, threshold " + threshold + ", " + convention() + "]";
    }
}
