package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Token;
import org.attnplanes.topology.StatisticsSchema;
import org.attnplanes.topology.Statistic;
import org.attnplanes.topology.directed.DirectedFlagPersistence;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.testing.PythonOracle;
import org.junit.jupiter.api.Test;

class ResearchFeaturesTest {

    private static MultiPlanarGraph causalGraph(int layers, int heads, int n) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(new Token("t" + i, 3 * i, 3 * i + 2, false, i));
        }
        List<List<AttentionMatrix>> att = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<AttentionMatrix> hs = new ArrayList<>();
            for (int h = 0; h < heads; h++) {
                hs.add(PythonOracle.attention(n, 13L * l + h, true, 2, false));
            }
            att.add(hs);
        }
        AttentionTrace t = new AttentionTrace("x", tokens, att, null, java.util.Map.of(),
                org.attnplanes.graph.Provenance.synthetic("causal test heads"));
        return MultiPlanarGraph.build(t, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).build());
    }

    @Test
    void everyPlaneGetsTheComponentsValues() {
        MultiPlanarGraph g = causalGraph(3, 2, 9);
        List<Double> thresholds = List.of(0.25, 0.1);
        ResearchFeatures r = new ResearchFeatures(true, 2, 0.05f, 4);
        List<FeatureVector> f = r.compute(g, thresholds);
        assertEquals(g.planes().size(), f.size());
        for (String name : r.names(thresholds)) {
            Statistic s = StatisticsSchema.featureFamily(name);
            assertTrue(s == Statistic.MATCHING_NUMBER || s == Statistic.CHORDALITY || s == Statistic.DIRECTED_FLAG
                    || s == Statistic.LAP_EIGVALS, name + " -> " + s);
        }
        for (int i = 0; i < f.size(); i++) {
            Plane p = g.planes().get(i);
            float[] a = new float[81];
            for (int x = 0; x < 9; x++) {
                for (int y = 0; y < 9; y++) {
                    a[x * 9 + y] = p.attention(x, y);
                }
            }
            AttentionMatrix m = AttentionMatrix.of(9, a);
            FeatureVector mc = new MatchingChordalityFeatures(thresholds).compute(m);
            for (String n : mc.names()) {
                assertEquals(mc.get(n), f.get(i).get(n), n);
            }
            Barcodes b = new DirectedFlagPersistence(2, 1_000_000).compute(m, 0.05f);
            assertEquals(b.dimension(1).size(), f.get(i).get("dflag_h1_bars"));
            // LapEigvals over this head's layers
            AttentionMatrix[][] layers = new AttentionMatrix[3][1];
            for (Plane q : g.planes()) {
                if (q.headLabel().equals(p.headLabel())) {
                    float[] qa = new float[81];
                    for (int x = 0; x < 9; x++) {
                        for (int y = 0; y < 9; y++) {
                            qa[x * 9 + y] = q.attention(x, y);
                        }
                    }
                    layers[q.layer()][0] = AttentionMatrix.of(9, qa);
                }
            }
            double[] top = LapEigvals.topK(layers, 4)[p.layer()][0];
            for (int k = 0; k < 4; k++) {
                assertEquals(top[k], f.get(i).get("lap_eig" + (k + 1)), 0);
            }
        }
    }

    @Test
    void noneHasNoNamesAndBadSettingsFail() {
        assertEquals(List.of(), ResearchFeatures.none().names(List.of(0.1)));
        assertThrows(IllegalArgumentException.class, () -> new ResearchFeatures(false, 3, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new ResearchFeatures(false, -1, 2f, 0));
    }
}
