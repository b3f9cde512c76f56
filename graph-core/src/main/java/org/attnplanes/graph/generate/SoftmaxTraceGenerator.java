package org.attnplanes.graph.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;

/**
 * Generates synthetic attention traces: every attention row of every layer and head is the softmax of
 * independent N(0, σ²) logits (Box–Muller on a {@link SplittableRandom} seeded by the caller), so each row is a
 * probability distribution over the keys and the same seed always gives the same trace.
 *
 * <pre>{@code
 * AttentionTrace t = new SoftmaxTraceGenerator(12, 4, 128, 2.0).generate(7);   // 12 layers × 4 heads × 128 tokens
 * }</pre>
 *
 * <p>Tokens: {@code [CLS]}, {@code tok1} … {@code tok(n−2)} (word i, characters {@code [4i, 4i + 3)}),
 * {@code [SEP]}; a single token is just {@code [CLS]}. The text is empty, there are no value norms and no model
 * outputs; the provenance is {@code Provenance.synthetic("synthetic-softmax seed <seed>")}. Immutable and
 * thread-safe.
 */
public final class SoftmaxTraceGenerator {

    private final int layers;
    private final int heads;
    private final int tokens;
    private final double logitScale;

    /**
     * @param layers     number of layers, ≥ 1
     * @param heads      heads per layer, ≥ 1
     * @param tokens     tokens n, ≥ 1
     * @param logitScale standard deviation σ of the logits, finite and ≥ 0 (0 gives uniform rows; larger is
     *                   peakier; 2 resembles a trained model's middle layers)
     * @throws IllegalArgumentException naming the parameter, its value and what is allowed, also when
     *                                  {@code layers × heads × tokens²} exceeds {@link Integer#MAX_VALUE}
     */
    public SoftmaxTraceGenerator(int layers, int heads, int tokens, double logitScale) {
        atLeastOne("layers", layers);
        atLeastOne("heads", heads);
        atLeastOne("tokens", tokens);
        if (!(logitScale >= 0) || !Double.isFinite(logitScale)) {
            throw new IllegalArgumentException("logitScale = " + logitScale + " must be finite and >= 0");
        }
        long size = (long) layers * heads * tokens * tokens;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layers × heads × tokens² = " + layers + " × " + heads + " × "
                    + tokens + "² = " + size + " exceeds " + Integer.MAX_VALUE + " attention values");
        }
        this.layers = layers;
        this.heads = heads;
        this.tokens = tokens;
        this.logitScale = logitScale;
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " = " + value + " must be >= 1");
        }
    }

    /** The trace for {@code seed}: the same seed gives the same trace. */
    public AttentionTrace generate(long seed) {
        int n = tokens;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] data = new float[layers * heads * n * n];
        double[] row = new double[n];
        for (int m = 0; m < layers * heads; m++) {
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    row[j] = gaussian(rnd) * logitScale;
                    max = Math.max(max, row[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    row[j] = Math.exp(row[j] - max);
                    sum += row[j];
                }
                for (int j = 0; j < n; j++) {
                    data[(m * n + i) * n + j] = (float) (row[j] / sum);
                }
            }
        }
        List<Token> list = new ArrayList<>(n);
        list.add(Token.special("[CLS]", 0));
        for (int i = 1; i < n - 1; i++) {
            list.add(new Token("tok" + i, 4 * i, 4 * i + 3, false, i));
        }
        if (n > 1) {
            list.add(Token.special("[SEP]", n - 1));
        }
        Provenance p = Provenance.synthetic("synthetic-softmax seed " + seed);
        return AttentionTrace.fromArray("", list, layers, heads, data, null, Map.of(), p);
    }

    /** A standard normal draw (Box–Muller, cosine branch). */
    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public String toString() {
        return "SoftmaxTraceGenerator[" + layers + " layers × " + heads + " heads × " + tokens + " tokens, σ = "
                + logitScale + "]";
    }
}
