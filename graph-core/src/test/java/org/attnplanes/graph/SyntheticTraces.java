package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;

/** Seeded synthetic traces for tests: attention = row softmax of random logits. */
final class SyntheticTraces {

    private SyntheticTraces() {
    }

    /** Tokens: [CLS], n − 2 word pieces (every third one a "##" continuation), [SEP]. */
    static List<Token> tokens(int n) {
        List<Token> tokens = new ArrayList<>(n);
        int word = 0;
        int offset = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                tokens.add(Token.special("[CLS]", word++));
            } else if (i == n - 1 && n > 1) {
                tokens.add(Token.special("[SEP]", word++));
            } else {
                boolean continuation = i > 1 && i % 3 == 0;
                String text = continuation ? "##p" + i : "w" + i;
                if (continuation) {
                    word--;
                }
                tokens.add(new Token(text, offset, offset + 2, false, word++));
                offset += 3;
            }
        }
        return tokens;
    }

    /** Row-softmax of N(0, scale²) logits. */
    static float[] softmaxRows(Random rnd, int n, double scale) {
        return SoftmaxTraceGenerator.softmaxRows(n, scale, false, rnd);
    }

    static AttentionTrace trace(long seed, int layers, int heads, int n) {
        return trace(seed, layers, heads, n, false, Map.of());
    }

    static AttentionTrace trace(long seed, int layers, int heads, int n, boolean valueNorms,
                                Map<String, NamedTensor> outputs) {
        Random rnd = new Random(seed);
        float[] data = new float[layers * heads * n * n];
        for (int p = 0; p < layers * heads; p++) {
            System.arraycopy(softmaxRows(rnd, n, 2.0), 0, data, p * n * n, n * n);
        }
        ValueNorms norms = null;
        if (valueNorms) {
            float[] v = new float[layers * heads * n];
            for (int k = 0; k < v.length; k++) {
                v[k] = 0.5f + 2 * rnd.nextFloat();
            }
            norms = ValueNorms.of(layers, heads, n, v);
        }
        return AttentionTrace.fromArray("synthetic", tokens(n), layers, heads, data, norms,
                new LinkedHashMap<>(outputs), Provenance.synthetic("seed " + seed));
    }

    /** A trace whose attention is given directly (one matrix per layer and head). */
    static AttentionTrace fromMatrices(List<Token> tokens, float[][] planes, int layers, int heads) {
        int n = tokens.size();
        float[] data = new float[layers * heads * n * n];
        for (int p = 0; p < planes.length; p++) {
            System.arraycopy(planes[p], 0, data, p * n * n, n * n);
        }
        return AttentionTrace.fromArray("", tokens, layers, heads, data, null, Map.of(),
                Provenance.synthetic("matrices"));
    }
}
