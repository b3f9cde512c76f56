package org.attnplanes.graph.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftmaxTraceGeneratorTest {

    @Test
    void generate_seeded_everyRowIsAProbabilityDistribution() {
        for (long seed = 1; seed <= 5; seed++) {
            AttentionTrace t = new SoftmaxTraceGenerator(3, 2, 9, 2.0).generate(seed);
            assertEquals(3, t.layers());
            assertEquals(2, t.heads());
            assertEquals(9, t.tokenCount());
            for (int l = 0; l < 3; l++) {
                for (int h = 0; h < 2; h++) {
                    for (int i = 0; i < 9; i++) {
                        assertEquals(1.0, t.attention(l, h).rowSum(i), 1e-5, "seed " + seed + " row " + i);
                        for (int j = 0; j < 9; j++) {
                            float w = t.weight(l, h, i, j);
                            assertTrue(w > 0 && w <= 1, "seed " + seed + ": w = " + w);
                        }
                    }
                }
            }
        }
    }

    @Test
    void generate_sameSeed_sameTraceOtherSeedDiffers() {
        SoftmaxTraceGenerator g = new SoftmaxTraceGenerator(2, 3, 7, 2.0);
        assertArrayEquals(g.generate(42).toArray(), g.generate(42).toArray(), "seed 42");
        assertFalse(Arrays.equals(g.generate(42).toArray(), g.generate(43).toArray()), "seeds 42 and 43");
        assertEquals("synthetic-softmax seed 42", g.generate(42).provenance().toMap().get("model"));
    }

    @Test
    void generate_scaleZero_uniformRowsAndScaleSharpensRows() {
        AttentionTrace flat = new SoftmaxTraceGenerator(1, 1, 5, 0).generate(3);
        for (int j = 0; j < 5; j++) {
            assertEquals(0.2f, flat.weight(0, 0, 2, j), 1e-7f);
        }
        // larger σ: the mean of each row's maximum grows (seeded; same Gaussian draws scaled)
        assertTrue(meanRowMax(new SoftmaxTraceGenerator(1, 4, 16, 4).generate(9))
                > meanRowMax(new SoftmaxTraceGenerator(1, 4, 16, 1).generate(9)), "seed 9");
    }

    private static double meanRowMax(AttentionTrace t) {
        double sum = 0;
        int n = t.tokenCount();
        for (int h = 0; h < t.heads(); h++) {
            for (int i = 0; i < n; i++) {
                float max = 0;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, t.weight(0, h, i, j));
                }
                sum += max;
            }
        }
        return sum / (t.heads() * n);
    }

    @Test
    void generate_tokens_clsWordsSep() {
        AttentionTrace t = new SoftmaxTraceGenerator(1, 1, 4, 2).generate(1);
        assertEquals("[CLS]", t.tokens().get(0).text());
        assertTrue(t.tokens().get(0).special());
        Token w = t.tokens().get(2);
        assertEquals("tok2", w.text());
        assertEquals(8, w.start());
        assertEquals(11, w.end());
        assertFalse(w.special());
        assertEquals("[SEP]", t.tokens().get(3).text());
        assertEquals(1, new SoftmaxTraceGenerator(1, 1, 1, 2).generate(1).tokenCount());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0; 1; 4; 2.0; layers = 0 must be >= 1",
        "1; -2; 4; 2.0; heads = -2 must be >= 1",
        "1; 1; 0; 2.0; tokens = 0 must be >= 1",
        "1; 1; 4; NaN; logitScale = NaN must be finite and >= 0",
        "1; 1; 4; -1; logitScale = -1.0 must be finite and >= 0",
        "64; 64; 1000; 1; layers × heads × tokens² = 64 × 64 × 1000² = 4096000000 exceeds 2147483647 attention values"})
    void new_badArgument_failsNamingIt(int layers, int heads, int tokens, double scale, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxTraceGenerator(layers, heads, tokens, scale));
        assertEquals(message, e.getMessage());
    }
}
