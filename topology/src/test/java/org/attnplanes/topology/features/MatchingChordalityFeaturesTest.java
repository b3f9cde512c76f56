package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.attnplanes.topology.testing.PythonOracle;
import org.junit.jupiter.api.Test;

class MatchingChordalityFeaturesTest {

    private static ThresholdGraph graph(int n, int[][] edges) {
        int[] s = new int[edges.length];
        int[] t = new int[edges.length];
        for (int i = 0; i < edges.length; i++) {
            s[i] = edges[i][0];
            t[i] = edges[i][1];
        }
        return ThresholdGraph.fromEdges(n, s, t);
    }

    @Test
    void handExamples() {
        int[][] c4 = {{0, 1}, {1, 2}, {2, 3}, {3, 0}};
        assertEquals(new MatchingChordalityFeatures.Stats(2, false), MatchingChordalityFeatures.stats(graph(4, c4)));
        int[][] c4chord = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 2}};
        assertEquals(new MatchingChordalityFeatures.Stats(2, true), MatchingChordalityFeatures.stats(graph(4, c4chord)));
        int[][] star = {{0, 1}, {0, 2}, {0, 3}};
        assertEquals(new MatchingChordalityFeatures.Stats(1, true), MatchingChordalityFeatures.stats(graph(5, star)));
        // a 5-cycle: matching 2 (odd cycle, needs blossoms in general), not chordal
        int[][] c5 = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}};
        assertEquals(new MatchingChordalityFeatures.Stats(2, false), MatchingChordalityFeatures.stats(graph(5, c5)));
        assertEquals(new MatchingChordalityFeatures.Stats(0, true), MatchingChordalityFeatures.stats(graph(0, new int[0][])));
    }

    @Test
    void namesAndValues() {
        MatchingChordalityFeatures f = new MatchingChordalityFeatures(List.of(0.1, 0.25));
        assertEquals(List.of("attn_matching_t0.10", "attn_chordal_t0.10", "attn_matching_t0.25", "attn_chordal_t0.25"),
                f.names());
        AttentionMatrix a = AttentionMatrix.of(new float[][] {{0.5f, 0.5f, 0f}, {0.2f, 0.6f, 0.2f}, {0f, 0.3f, 0.7f}});
        FeatureVector v = f.compute(a);
        assertEquals(1, v.get("attn_matching_t0.10"));
        assertEquals(1, v.get("attn_chordal_t0.10"));
        assertEquals(1, v.get("attn_matching_t0.25"));
    }

    @Test
    void equalsNetworkx() {
        assumeTrue(PythonOracle.has("networkx"), "networkx not available");
        Random r = new Random(23);
        StringBuilder in = new StringBuilder();
        List<MatchingChordalityFeatures.Stats> mine = new ArrayList<>();
        double[] thresholds = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5};
        for (int c = 0; c < 60; c++) {
            int n = 1 + r.nextInt(c < 50 ? 40 : 130);
            AttentionMatrix a = PythonOracle.attention(n, 900 + c, c % 2 == 0, 0.5 + 3 * r.nextDouble(), c % 3 == 0);
            double t = thresholds[c % thresholds.length];
            in.append(n).append(' ').append(t).append('\n');
            PythonOracle.append(in, a);
            mine.add(MatchingChordalityFeatures.stats(ThresholdGraph.of(a, t)));
        }
        String[] lines = PythonOracle.run("matching_chordal_oracle.py", in.toString()).strip().split("\n");
        assertEquals(mine.size(), lines.length);
        int chordal = 0;
        for (int c = 0; c < lines.length; c++) {
            String[] p = lines[c].split(" ");
            MatchingChordalityFeatures.Stats s = mine.get(c);
            assertEquals(Integer.parseInt(p[0]), s.matchingNumber(), "case " + c + " matching");
            assertEquals(p[1].equals("1"), s.chordal(), "case " + c + " chordal");
            chordal += s.chordal() ? 1 : 0;
        }
        // the sample must contain both answers, or the chordality check says little
        assertEquals(true, chordal > 0 && chordal < lines.length, "chordal in " + chordal + " of " + lines.length);
    }
}
