package org.attnplanes.graph;

import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Attention rollout against brute force: every entry of R_L equals the sum over all token paths
 * i = k_L ← k_{L−1} ← … ← k_0 ← j of the product of the augmented, renormalised head-averaged weights, each
 * augmented matrix built entry by entry from its definition; rows of R sum to 1; the [CLS] row restricted to the
 * patches is that slice of R.
 */
public class AttentionRolloutTest {

    /** A trace over a 1 + rows × cols image grid with seeded softmax attention. */
    public static AttentionTrace imageTrace(int layers, int heads, int rows, int cols, long seed) {
        ImageGrid grid = new ImageGrid(List.of("[CLS]"), rows, cols, 8);
        AttentionTrace t = new SoftmaxTraceGenerator(layers, heads, grid.tokens(), 2.0).generate(seed);
        List<List<AttentionMatrix>> att = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<AttentionMatrix> layer = new ArrayList<>();
            for (int h = 0; h < heads; h++) {
                layer.add(t.attention(l, h));
            }
            att.add(layer);
        }
        return new AttentionTrace("image.png", grid.tokenList(), att, null, Map.of(),
                grid.provenance(Provenance.synthetic("rollout test " + seed)));
    }

    /** Ã_l[i][j] straight from the definition. */
    private static double augmented(AttentionTrace t, int l, int i, int j) {
        int n = t.tokenCount();
        double rowSum = 0;
        double value = 0;
        for (int k = 0; k < n; k++) {
            double mean = 0;
            for (int h = 0; h < t.heads(); h++) {
                mean += t.weight(l, h, i, k);
            }
            mean /= t.heads();
            double v = mean + (i == k ? 1 : 0);
            rowSum += v;
            if (k == j) {
                value = v;
            }
        }
        return value / rowSum;
    }

    /** Sum over every path from key j at the input to query i after layer {@code last}. */
    private static double pathSum(AttentionTrace t, int last, int i, int j) {
        if (last < 0) {
            return i == j ? 1 : 0;
        }
        double s = 0;
        for (int k = 0; k < t.tokenCount(); k++) {
            s += augmented(t, last, i, k) * pathSum(t, last - 1, k, j);
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rollout_seededTraces_equalsPathSumsAndRowsSumToOne(long seed) {
        AttentionTrace t = imageTrace(3, 2, 2, 2, seed);
        int n = t.tokenCount();
        for (int last = 0; last < 3; last++) {
            double[] r = AttentionRollout.rollout(t, last);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    assertEquals(pathSum(t, last, i, j), r[i * n + j], 1e-12, "seed " + seed + " layer " + last
                            + " cell " + i + "," + j);
                    sum += r[i * n + j];
                }
                assertEquals(1.0, sum, 1e-12, "seed " + seed + " row " + i);
            }
        }
    }

    @Test
    void toPatches_clsRow_isTheRolloutRowWithoutThePrefix() {
        AttentionTrace t = imageTrace(2, 3, 3, 4, 9);
        ImageGrid grid = ImageGrid.of(t).orElseThrow();
        double[] r = AttentionRollout.rollout(t, 1);
        double[] heat = AttentionRollout.toPatches(t, grid, 1, 0);
        assertEquals(12, heat.length);
        double sum = r[0];
        for (int p = 0; p < 12; p++) {
            assertEquals(r[1 + p], heat[p], 0.0);
            sum += heat[p];
        }
        assertEquals(1.0, sum, 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionRollout.rollout(t, 2));
        assertEquals("layer = 2 is outside [0, 1]", e.getMessage());
    }
}
