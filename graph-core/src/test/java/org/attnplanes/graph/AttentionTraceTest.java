package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.junit.jupiter.api.Test;

class AttentionTraceTest {

    static List<Token> tokens(int n) {
        List<Token> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add(new Token("t" + i, 3 * i, 3 * i + 2, false, i));
        }
        return t;
    }

    /** Row softmax of seeded N(0,1) logits, layout [layer, head, query, key]. */
    static float[] softmaxData(long seed, int layers, int heads, int n) {
        Random r = new Random(seed);
        float[] d = new float[layers * heads * n * n];
        for (int p = 0; p < layers * heads; p++) {
            System.arraycopy(SoftmaxTraceGenerator.softmaxRows(n, 1, false, r), 0, d, p * n * n, n * n);
        }
        return d;
    }

    @Test
    void fromArray_seededSoftmax_roundTripsAndIndexesByLayerHeadQueryKey() {
        long seed = 42;
        int layers = 3, heads = 2, n = 5;
        float[] data = softmaxData(seed, layers, heads, n);
        AttentionTrace t = AttentionTrace.fromArray("text", tokens(n), layers, heads, data, null, Map.of(),
                Provenance.synthetic("test"));
        assertArrayEquals(data, t.toArray(), "seed " + seed);
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(1.0, t.attention(l, h).rowSum(i), 1e-5, "seed " + seed + " row sum");
                    for (int j = 0; j < n; j++) {
                        assertEquals(data[((l * heads + h) * n + i) * n + j], t.weight(l, h, i, j));
                    }
                }
            }
        }
        assertEquals(3, t.layers());
        assertEquals(2, t.heads());
        assertEquals(5, t.tokenCount());
        assertFalse(t.valueNorms().isPresent());
    }

    @Test
    void fromArray_copiesInput_laterMutationInvisible() {
        float[] data = softmaxData(1, 1, 1, 3);
        AttentionTrace t = AttentionTrace.fromArray("", tokens(3), 1, 1, data, null, Map.of(),
                Provenance.synthetic("test"));
        float before = t.weight(0, 0, 0, 0);
        data[0] = 0.5f;
        assertEquals(before, t.weight(0, 0, 0, 0));
    }

    @Test
    void constructor_nanWeight_failsNamingCellAndValue() {
        float[] data = softmaxData(7, 2, 2, 3);
        data[((1 * 2 + 1) * 3 + 2) * 3 + 1] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionTrace.fromArray("", tokens(3), 2, 2, data, null, Map.of(), Provenance.synthetic("x")));
        assertEquals("attention[layer 1][head 1][2][1] = NaN must be a probability in [0, 1]", e.getMessage());
    }

    @Test
    void constructor_weightAboveOne_fails() {
        float[] data = softmaxData(7, 1, 1, 2);
        data[1] = 1.5f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionTrace.fromArray("", tokens(2), 1, 1, data, null, Map.of(), Provenance.synthetic("x")));
        assertTrue(e.getMessage().contains("= 1.5 must be a probability"), e.getMessage());
    }

    @Test
    void fromArray_wrongLength_failsWithShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionTrace.fromArray("", tokens(3), 2, 2, new float[10], null, Map.of(),
                        Provenance.synthetic("x")));
        assertEquals("data.length = 10 does not match layers = 2 × heads = 2 × 3 × 3 tokens = 36", e.getMessage());
    }

    @Test
    void constructor_raggedHeads_fails() {
        AttentionMatrix m = AttentionMatrix.of(1, new float[] {1f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AttentionTrace("", tokens(1), List.of(List.of(m, m), List.of(m)), null, Map.of(),
                        Provenance.synthetic("x")));
        assertEquals("layer 1 has 1 heads but layer 0 has 2", e.getMessage());
    }

    @Test
    void constructor_matrixSizeDiffersFromTokens_fails() {
        AttentionMatrix m = AttentionMatrix.of(2, new float[] {1f, 0f, 0f, 1f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AttentionTrace("", tokens(3), List.of(List.of(m)), null, Map.of(), Provenance.synthetic("x")));
        assertEquals("layer 0 head 0 is 2 × 2 but there are 3 tokens", e.getMessage());
    }

    @Test
    void constructor_emptyTokens_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AttentionTrace("", List.of(), List.of(), null, Map.of(), Provenance.synthetic("x")));
        assertEquals("tokens is empty; a trace needs at least one token", e.getMessage());
    }

    @Test
    void attention_layerOutOfRange_failsNamingRange() {
        AttentionTrace t = AttentionTrace.fromArray("", tokens(2), 2, 3, softmaxData(3, 2, 3, 2), null, Map.of(),
                Provenance.synthetic("x"));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.attention(2, 0));
        assertEquals("layer = 2 is outside [0, 1]", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> t.attention(0, -1));
        assertEquals("head = -1 is outside [0, 2]", e.getMessage());
    }

    @Test
    void valueNorms_shapeMismatch_fails() {
        ValueNorms vn = ValueNorms.of(1, 1, 2, new float[] {1f, 2f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionTrace.fromArray("", tokens(2), 2, 1, softmaxData(3, 2, 1, 2), vn, Map.of(),
                        Provenance.synthetic("x")));
        assertEquals("valueNorms is 1 layers × 1 heads × 2 tokens but the attention is 2 × 1 × 2", e.getMessage());
    }

    @Test
    void withProvenance_keepsDataAndChangesProvenance() {
        AttentionTrace t = AttentionTrace.fromArray("abc", tokens(2), 1, 2, softmaxData(5, 1, 2, 2), null,
                Map.of("out", NamedTensor.of("out", new long[] {1, 2}, new float[] {1f, 2f})),
                Provenance.synthetic("x"));
        AttentionTrace u = t.withProvenance(t.provenance().with("layers", "all"));
        assertArrayEquals(t.toArray(), u.toArray());
        assertEquals("all", u.provenance().settings().get("layers"));
        assertEquals(t.outputs(), u.outputs());
        assertEquals("abc", u.text());
    }
}
