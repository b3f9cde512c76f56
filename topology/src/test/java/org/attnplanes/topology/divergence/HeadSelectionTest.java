package org.attnplanes.topology.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadSelectionTest {

    private static List<int[]> heads(int layers, int perLayer) {
        List<int[]> h = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < perLayer; k++) {
                h.add(new int[] {l, k});
            }
        }
        return h;
    }

    /** Brute force: AUROC as the fraction of (positive, negative) pairs ordered correctly, ties 1/2. */
    private static double pairAuroc(double[] s, int[] y) {
        double good = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    good += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return good / pairs;
    }

    @Test
    void aurocEqualsThePairCount() {
        Random r = new Random(3);
        for (int t = 0; t < 200; t++) {
            int n = 2 + r.nextInt(30);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(6) / 5.0;
                y[i] = i < 1 ? 0 : i < 2 ? 1 : r.nextInt(2);
            }
            assertEquals(pairAuroc(s, y), HeadSelection.auroc(s, y), 1e-12);
        }
    }

    @Test
    void picksTheHeadsThatSeparateTheGroupsAndTheBestPrefix() {
        Random r = new Random(5);
        List<int[]> heads = heads(3, 4);
        int samples = 40;
        double[][] scores = new double[samples][12];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = i % 2;
            for (int c = 0; c < 12; c++) {
                scores[i][c] = r.nextDouble() * 0.1;
            }
            // head 2.1 (column 9) separates strongly, 0.3 (column 3) weakly
            scores[i][9] += labels[i] * 0.5;
            scores[i][3] += labels[i] * 0.05;
        }
        HeadSelection s = HeadSelection.select(heads, scores, labels, 6);
        assertEquals(9, s.ranking()[0]);
        assertEquals(3, s.ranking()[1]);
        assertArrayEquals(new int[] {2, 1}, s.selectedHeads().get(0));
        assertEquals(1.0, s.aurocs()[0]);
        assertEquals(1, s.selected(), "the first prefix already reaches AUROC 1; later ones cannot beat it");
        // brute-force check of every prefix AUROC
        for (int n = 0; n < s.ranking().length; n++) {
            double[] mean = new double[samples];
            for (int i = 0; i < samples; i++) {
                for (int q = 0; q <= n; q++) {
                    mean[i] += scores[i][s.ranking()[q]];
                }
                mean[i] /= n + 1;
            }
            assertEquals(pairAuroc(mean, labels), s.aurocs()[n], 1e-12);
        }
        assertEquals(Math.abs(scores[0][9]), s.score(scores[0]), 1e-15);
    }

    @Test
    void tiesGoToTheLowestLayerThenHead() {
        double[][] scores = {{0, 0, 0, 0}, {1, 1, 1, 1}};
        HeadSelection s = HeadSelection.select(heads(2, 2), scores, new int[] {0, 1}, 3);
        assertArrayEquals(new int[] {0, 1, 2}, s.ranking());
    }

    @Test
    void badInputsNameTheProblem() {
        double[][] scores = {{0, 1}, {1, 0}};
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.select(heads(1, 2), scores, new int[] {1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.select(heads(1, 2), scores, new int[] {0, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.select(heads(1, 2), scores, new int[] {0, 1}, 0));
    }
}
