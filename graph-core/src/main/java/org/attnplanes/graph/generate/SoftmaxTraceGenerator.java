package org.attnplanes.graph.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;

/**
 * Generates synthetic attention traces: every attention row of every layer and head is the softmax of
 * independent N(0, σ²) logits ({@link RandomGenerator#nextGaussian()} of a {@link SplittableRandom} seeded by the
 * caller), so each row is a probability distribution over the keys and the same seed always gives the same trace.
 * {@link #softmaxRows} makes one such matrix (also causal) for tests and benchmarks that need a single one.
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
        for (int m = 0; m < layers * heads; m++) {
            System.arraycopy(softmaxRows(n, logitScale, false, rnd), 0, data, m * n * n, n * n);
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

    /**
     * One attention matrix, row-major {@code n × n}: row {@code i} is the softmax of {@code σ·N(0, 1)} logits drawn
     * from {@code rnd} ({@link RandomGenerator#nextGaussian()}), over every key or, when {@code causal}, over keys
     * {@code 0..i} only (the rest 0, as a decoder's masked attention).
     */
    public static float[] softmaxRows(int n, double logitScale, boolean causal, RandomGenerator rnd) {
        return softmaxRows(n, causal, () -> logitScale * rnd.nextGaussian());
    }

    /**
     * One attention matrix, row-major {@code n × n}, whose row {@code i} is the softmax of logits taken from
     * {@code logits} in row-major order (over keys {@code 0..i} only when {@code causal}; the rest 0). For logits of
     * another shape, e.g. rounded so that equal weights occur.
     */
    public static float[] softmaxRows(int n, boolean causal, DoubleSupplier logits) {
        float[] a = new float[n * n];
        double[] scratch = new double[n];
        for (int i = 0; i < n; i++) {
            softmaxRow(logits, causal ? i + 1 : n, a, i * n, scratch);
        }
        return a;
    }

    /**
     * Writes the softmax of {@code count} logits taken from {@code logits} into {@code out[offset, offset + count)}
     * (computed in double, shifted by the largest logit).
     *
     * @param scratch at least {@code count} doubles to work in
     */
    public static void softmaxRow(DoubleSupplier logits, int count, float[] out, int offset, double[] scratch) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            scratch[j] = logits.getAsDouble();
            max = Math.max(max, scratch[j]);
        }
        double sum = 0;
        for (int j = 0; j < count; j++) {
            scratch[j] = Math.exp(scratch[j] - max);
            sum += scratch[j];
        }
        for (int j = 0; j < count; j++) {
            out[offset + j] = (float) (scratch[j] / sum);
        }
    }

    @Override
    public String toString() {
        return "SoftmaxTraceGenerator[" + layers + " layers × " + heads + " heads × " + tokens + " tokens, σ = "
                + logitScale + "]";
    }
}
