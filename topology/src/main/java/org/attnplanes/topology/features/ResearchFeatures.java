package org.attnplanes.topology.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.topology.directed.DirectedFlagPersistence;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * The optional per-plane research features, appended to a plane's {@link FeatureVector} (all on the plane's
 * head-reduced <em>directed</em> attention {@link Plane#attention(int, int)}):
 *
 * <ul>
 *   <li>{@code attn_matching_t<t>}, {@code attn_chordal_t<t>}: {@link MatchingChordalityFeatures} at the
 *       analysis thresholds (Proskurina et al. 2023, la-tda);</li>
 *   <li>{@code dflag_h<k>_bars}, {@code dflag_h<k>_total}: number of bars (essential included) and total finite
 *       length of H_k of the directed flag complex ({@link DirectedFlagPersistence}: arcs {@code w >= minWeight},
 *       entering at 1 − w), k = 0..maxDim; NaN when the complex exceeds the simplex cap;</li>
 *   <li>{@code lap_eig<r>}, r = 1..k: LapEigvals ({@link LapEigvals}) of the plane's layer, over the planes of the
 *       same head label ordered by layer (the multi-layer graph of that head); NaN with fewer than two layers or
 *       fewer tokens than r.</li>
 * </ul>
 *
 * @param matchingChordality whether to add the la-tda matching number and chordality
 * @param directedFlagMaxDim top dimension of the directed flag persistence, −1 for none, at most 2
 * @param directedFlagMinWeight arcs below this weight are left out of the directed flag complex
 * @param lapEigvals number k of LapEigvals per plane, 0 for none
 */
public record ResearchFeatures(boolean matchingChordality, int directedFlagMaxDim, float directedFlagMinWeight,
                               int lapEigvals) {

    /** Simplex cap of the directed flag complex per plane. */
    public static final long MAX_SIMPLICES = 2_000_000L;

    /** Validates. */
    public ResearchFeatures {
        if (directedFlagMaxDim < -1 || directedFlagMaxDim > 2) {
            throw new IllegalArgumentException("directedFlagMaxDim = " + directedFlagMaxDim + " is outside [-1, 2]");
        }
        if (!(directedFlagMinWeight >= 0f && directedFlagMinWeight <= 1f)) {
            throw new IllegalArgumentException("directedFlagMinWeight = " + directedFlagMinWeight + " is outside [0, 1]");
        }
        if (lapEigvals < 0) {
            throw new IllegalArgumentException("lapEigvals = " + lapEigvals + " must be >= 0");
        }
    }

    /** None of the features. */
    public static ResearchFeatures none() {
        return new ResearchFeatures(false, -1, 0f, 0);
    }

    /** Whether any feature is on. */
    public boolean any() {
        return matchingChordality || directedFlagMaxDim >= 0 || lapEigvals > 0;
    }

    /** The feature names, in the order of {@link #compute}. */
    public List<String> names(List<Double> thresholds) {
        List<String> n = new ArrayList<>();
        if (matchingChordality) {
            n.addAll(new MatchingChordalityFeatures(thresholds).names());
        }
        for (int k = 0; k <= directedFlagMaxDim; k++) {
            n.add("dflag_h" + k + "_bars");
            n.add("dflag_h" + k + "_total");
        }
        for (int r = 1; r <= lapEigvals; r++) {
            n.add("lap_eig" + r);
        }
        return n;
    }

    /** Settings for provenance. */
    public String describe() {
        return "matching/chordality " + (matchingChordality ? "on" : "off") + "; directed flag "
                + (directedFlagMaxDim < 0 ? "off" : "H0-H" + directedFlagMaxDim + ", arcs w >= " + directedFlagMinWeight)
                + "; LapEigvals " + (lapEigvals == 0 ? "off" : "top " + lapEigvals);
    }

    /** The features of every plane of {@code graph}, in plane order. */
    public List<FeatureVector> compute(MultiPlanarGraph graph, List<Double> thresholds) {
        Objects.requireNonNull(graph, "graph");
        List<Plane> planes = graph.planes();
        List<AttentionMatrix> att = new ArrayList<>(planes.size());
        for (Plane p : planes) {
            att.add(directed(p));
        }
        double[][] lap = lapEigvals > 0 ? lapEigvals(planes, att) : null;
        List<String> names = names(thresholds);
        MatchingChordalityFeatures mc = matchingChordality ? new MatchingChordalityFeatures(thresholds) : null;
        DirectedFlagPersistence dfp = directedFlagMaxDim >= 0
                ? new DirectedFlagPersistence(directedFlagMaxDim, MAX_SIMPLICES) : null;
        List<FeatureVector> out = new ArrayList<>(planes.size());
        for (int i = 0; i < planes.size(); i++) {
            double[] v = new double[names.size()];
            int at = 0;
            if (mc != null) {
                for (double x : mc.compute(att.get(i)).toArray()) {
                    v[at++] = x;
                }
            }
            if (dfp != null) {
                Barcodes b = null;
                try {
                    b = dfp.compute(att.get(i), directedFlagMinWeight);
                } catch (IllegalStateException tooLarge) {
                    // over the simplex cap: NaN cells, like the clique budget
                }
                for (int k = 0; k <= directedFlagMaxDim; k++) {
                    double total = 0;
                    if (b != null) {
                        for (PersistenceInterval iv : b.intervals(k)) {
                            total += iv.isEssential() ? 0 : iv.death() - iv.birth();
                        }
                    }
                    v[at++] = b == null ? Double.NaN : b.dimension(k).size();
                    v[at++] = b == null ? Double.NaN : total;
                }
            }
            for (int r = 0; r < lapEigvals; r++) {
                v[at++] = lap[i][r];
            }
            out.add(FeatureVector.of(names, v));
        }
        return out;
    }

    /** The plane's directed head-reduced attention as a matrix (negative values of a difference plane kept). */
    private static AttentionMatrix directed(Plane p) {
        int n = p.size();
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = p.attention(i, j);
            }
        }
        return AttentionMatrix.of(n, a);
    }

    private double[][] lapEigvals(List<Plane> planes, List<AttentionMatrix> att) {
        double[][] out = new double[planes.size()][lapEigvals];
        for (double[] row : out) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        java.util.Map<String, List<Integer>> byHead = new java.util.LinkedHashMap<>();
        for (int i = 0; i < planes.size(); i++) {
            byHead.computeIfAbsent(planes.get(i).headLabel(), h -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : byHead.values()) {
            group.sort((x, y) -> Integer.compare(planes.get(x).layer(), planes.get(y).layer()));
            if (group.size() < 2) {
                continue;
            }
            AttentionMatrix[][] layers = new AttentionMatrix[group.size()][1];
            for (int l = 0; l < group.size(); l++) {
                layers[l][0] = att.get(group.get(l));
            }
            double[][][] top = LapEigvals.topK(layers, lapEigvals);
            for (int l = 0; l < group.size(); l++) {
                out[group.get(l)] = top[l][0];
            }
        }
        return out;
    }
}
