package org.attnplanes.graph.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;

/**
 * Generates synthetic encoder–decoder traces (the three blocks of an {@link EncoderDecoderTrace}) from seeded
 * softmax rows of N(0, σ²) logits, as {@link SoftmaxTraceGenerator} does for single models: the encoder's rows over
 * all source tokens, the decoder's row i over target keys 0..i only (causal, provenance {@code causal = true}), the
 * cross rows over all source tokens. Source tokens are {@link SoftmaxTraceGenerator}'s ({@code [CLS]}, {@code tokN},
 * {@code [SEP]}); target tokens are {@code <start>} (special) then {@code tgt1} … Immutable and thread-safe.
 *
 * <pre>{@code
 * EncoderDecoderTrace t = new EncoderDecoderTraceGenerator(2, 3, 4, 7, 5, 2.0).generate(1);
 * }</pre>
 */
public final class EncoderDecoderTraceGenerator {

    private final int encoderLayers;
    private final int decoderLayers;
    private final int heads;
    private final int sourceTokens;
    private final int targetTokens;
    private final double logitScale;

    /**
     * @throws IllegalArgumentException naming the parameter when a count is below 1 or σ is negative or not finite
     */
    public EncoderDecoderTraceGenerator(int encoderLayers, int decoderLayers, int heads, int sourceTokens,
                                        int targetTokens, double logitScale) {
        for (Object[] p : new Object[][] {{"encoderLayers", encoderLayers}, {"decoderLayers", decoderLayers},
                {"heads", heads}, {"sourceTokens", sourceTokens}, {"targetTokens", targetTokens}}) {
            if ((Integer) p[1] < 1) {
                throw new IllegalArgumentException(p[0] + " = " + p[1] + " must be >= 1");
            }
        }
        if (!(logitScale >= 0) || !Double.isFinite(logitScale)) {
            throw new IllegalArgumentException("logitScale = " + logitScale + " must be finite and >= 0");
        }
        this.encoderLayers = encoderLayers;
        this.decoderLayers = decoderLayers;
        this.heads = heads;
        this.sourceTokens = sourceTokens;
        this.targetTokens = targetTokens;
        this.logitScale = logitScale;
    }

    /** The trace for {@code seed}: the same seed gives the same trace. */
    public EncoderDecoderTrace generate(long seed) {
        AttentionTrace enc = new SoftmaxTraceGenerator(encoderLayers, heads, sourceTokens, logitScale).generate(seed)
                .withBlock(BlockKind.ENCODER);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int t = targetTokens;
        int s = sourceTokens;
        float[] self = new float[decoderLayers * heads * t * t];
        float[] cross = new float[decoderLayers * heads * t * s];
        DoubleSupplier logits = () -> logitScale * rnd.nextGaussian();
        double[] scratch = new double[Math.max(t, s)];
        for (int m = 0; m < decoderLayers * heads; m++) {
            for (int i = 0; i < t; i++) {
                // the decoder's self-attention is causal (keys 0..i), the cross-attention sees every source token
                SoftmaxTraceGenerator.softmaxRow(logits, i + 1, self, (m * t + i) * t, scratch);
                SoftmaxTraceGenerator.softmaxRow(logits, s, cross, (m * t + i) * s, scratch);
            }
        }
        List<Token> targets = new ArrayList<>(t);
        targets.add(Token.special("<start>", 0));
        for (int i = 1; i < t; i++) {
            targets.add(new Token("tgt" + i, 4 * (i - 1), 4 * (i - 1) + 3, false, i));
        }
        Provenance p = Provenance.synthetic("synthetic encoder-decoder seed " + seed);
        AttentionTrace dec = AttentionTrace.fromArray("", targets, decoderLayers, heads, self, null, Map.of(),
                p.with(AttentionTrace.CAUSAL, "true")).withBlock(BlockKind.DECODER);
        AttentionTrace cr = AttentionTrace.cross("", targets, enc.tokens(), decoderLayers, heads, cross, Map.of(), p);
        return new EncoderDecoderTrace(enc, dec, cr);
    }
}
