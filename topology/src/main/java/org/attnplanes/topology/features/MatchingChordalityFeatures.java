package org.attnplanes.topology.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.ChordalityInspector;
import org.jgrapht.alg.matching.DenseEdmondsMaximumCardinalityMatching;
import org.jgrapht.graph.DefaultEdge;

/**
 * Two more threshold-graph features used for acceptability judgements by Cherniavskii et al. 2022 and
 * Proskurina et al. 2023 ("la-tda"): per threshold t, on the undirected attention graph {@code {i, j}} iff
 * {@code max(A[i][j], A[j][i]) >= t} (no self-loops; {@link ThresholdGraph}'s convention):
 *
 * <table>
 *   <caption>features per threshold (suffix {@code _t<threshold>})</caption>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>{@code attn_matching}</td><td>matching number: size of a maximum-cardinality matching (Edmonds'
 *       blossom algorithm, JGraphT), equal to networkx {@code len(max_weight_matching(G, maxcardinality=True))}</td></tr>
 *   <tr><td>{@code attn_chordal}</td><td>1 if the graph is chordal (every cycle of length ≥ 4 has a chord;
 *       maximum cardinality search, JGraphT), else 0 — networkx {@code is_chordal(G)}</td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe once configured.
 */
public final class MatchingChordalityFeatures {

    /** The statistics at one threshold. */
    public record Stats(int matchingNumber, boolean chordal) {
    }

    private final double[] thresholds;
    private final List<String> names;

    /** @param thresholds weight thresholds, each finite */
    public MatchingChordalityFeatures(List<Double> thresholds) {
        Objects.requireNonNull(thresholds, "thresholds");
        this.thresholds = new double[thresholds.size()];
        List<String> n = new ArrayList<>();
        for (int i = 0; i < this.thresholds.length; i++) {
            Double t = thresholds.get(i);
            if (t == null || !Double.isFinite(t)) {
                throw new IllegalArgumentException("threshold = " + t + " must be finite; thresholds = " + thresholds);
            }
            this.thresholds[i] = t;
            n.add(ThresholdNames.suffixed("attn_matching", t));
            n.add(ThresholdNames.suffixed("attn_chordal", t));
        }
        this.names = List.copyOf(n);
        FeatureVector.checkUnique(this.names);
    }

    /** The feature names, in the order of {@link #compute}. */
    public List<String> names() {
        return names;
    }

    /** Both features at every threshold. */
    public FeatureVector compute(AttentionMatrix attention) {
        Objects.requireNonNull(attention, "attention");
        double[] v = new double[2 * thresholds.length];
        for (int i = 0; i < thresholds.length; i++) {
            Stats s = stats(ThresholdGraph.of(attention, thresholds[i]));
            v[2 * i] = s.matchingNumber();
            v[2 * i + 1] = s.chordal() ? 1 : 0;
        }
        return FeatureVector.ofUnique(names, v);
    }

    /** Matching number and chordality of one graph. */
    public static Stats stats(ThresholdGraph g) {
        Graph<Integer, DefaultEdge> graph = g.toJGraphT();
        int matching = g.edgeCount() == 0 ? 0 // (JGraphT asserts on an empty graph)
                : new DenseEdmondsMaximumCardinalityMatching<>(graph).getMatching().getEdges().size();
        boolean chordal = new ChordalityInspector<>(graph).isChordal();
        return new Stats(matching, chordal);
    }
}
