package org.attnplanes.model;

import org.attnplanes.testmodels.BartOnnx;
import org.attnplanes.testmodels.Seq2SeqModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encoder–decoder generators of test-models ({@link BartOnnx}, {@code T5Onnx}) build models ONNX Runtime runs:
 * encoder softmax rows sum to 1; the decoder's self-attention is causal; cross-attention rows [n_target × n_source]
 * sum to 1; each family's merged decoder with use_cache_branch = false gives the plain decoder's logits, and its
 * with-past branch, fed the plain decoder's presents, gives the logits of the next position (for T5 this checks the
 * relative bias of a query row after a past).
 */
class Seq2SeqGeneratorTest {

    static final int H = BartOnnx.HEADS;
    static final int DH = BartOnnx.DH;
    static final int D = BartOnnx.D;

    @ParameterizedTest
    @EnumSource(Seq2SeqModels.Family.class)
    void generated_pair_runsWithSoftmaxRowsAndCausalSelfAttention(Seq2SeqModels.Family family) throws Exception {
        long seed = 3 + family.ordinal();
        Seq2SeqModels.Encoder enc = Seq2SeqModels.encoder(family, seed);
        Seq2SeqModels.Decoder dec = Seq2SeqModels.decoder(family, seed);
        assertEquals(BartOnnx.ENCODER_LAYERS, enc.selfSoftmax().size());
        assertEquals(BartOnnx.DECODER_LAYERS, dec.selfSoftmax().size());
        assertEquals(BartOnnx.DECODER_LAYERS, dec.crossSoftmax().size());
        Random r = new Random(seed);
        int[] src = ids(r, 7);
        int[] tgt = ids(r, 5);
        Map<String, float[]> e = Seq2SeqDebugRun.run(enc.model(), Seq2SeqDebugRun.names("last_hidden_state",
                enc.selfSoftmax()), src, src.length, null, D, false, null, H, DH);
        for (String s : enc.selfSoftmax()) {
            assertRows(e.get(s), src.length, src.length, false, family + " encoder " + s);
        }
        List<String> wanted = new ArrayList<>(Seq2SeqDebugRun.names("logits", dec.selfSoftmax()));
        wanted.addAll(dec.crossSoftmax());
        Map<String, float[]> d = Seq2SeqDebugRun.run(dec.model(), wanted, tgt, src.length, e.get("last_hidden_state"),
                D, false, null, H, DH);
        for (String s : dec.selfSoftmax()) {
            assertRows(d.get(s), tgt.length, tgt.length, true, family + " decoder self " + s);
        }
        for (String s : dec.crossSoftmax()) {
            assertRows(d.get(s), tgt.length, src.length, false, family + " cross " + s);
        }
        assertEquals(tgt.length * BartOnnx.VOCAB, d.get("logits").length);
    }

    @ParameterizedTest
    @EnumSource(Seq2SeqModels.Family.class)
    void mergedDecoder_branchesMatchThePlainDecoder(Seq2SeqModels.Family family) throws Exception {
        long seed = 11;
        Seq2SeqModels.Encoder enc = Seq2SeqModels.encoder(family, seed);
        Seq2SeqModels.Decoder plain = Seq2SeqModels.decoder(family, seed);
        Seq2SeqModels.Decoder merged = Seq2SeqModels.mergedDecoder(family, seed);
        Random r = new Random(seed);
        int[] src = ids(r, 6);
        int[] tgt = ids(r, 5);
        float[] states = Seq2SeqDebugRun.run(enc.model(), List.of("last_hidden_state"), src, src.length, null, D,
                false, null, H, DH).get("last_hidden_state");
        List<String> outs = BartOnnx.decoderOutputs();
        Map<String, float[]> full = Seq2SeqDebugRun.run(plain.model(), outs, tgt, src.length, states, D, false, null,
                H, DH);
        Map<String, float[]> first = Seq2SeqDebugRun.run(merged.model(), List.of("logits"), tgt, src.length, states,
                D, false, null, H, DH);
        assertArrayEquals(full.get("logits"), first.get("logits"), 1e-6f, family + " no-cache branch");
        // step: the plain decoder over tgt[0..n−2] gives the cache; the with-past branch then takes tgt[n−1]
        int[] prefix = java.util.Arrays.copyOf(tgt, tgt.length - 1);
        Map<String, float[]> cache = Seq2SeqDebugRun.run(plain.model(), outs, prefix, src.length, states, D, false,
                null, H, DH);
        Map<String, float[]> past = new HashMap<>();
        for (String o : outs) {
            if (o.startsWith("present.")) {
                past.put("past_key_values." + o.substring("present.".length()), cache.get(o));
            }
        }
        float[] step = Seq2SeqDebugRun.run(merged.model(), List.of("logits"), new int[] {tgt[tgt.length - 1]},
                src.length, states, D, true, past, H, DH).get("logits");
        float[] last = java.util.Arrays.copyOfRange(full.get("logits"), (tgt.length - 1) * BartOnnx.VOCAB,
                tgt.length * BartOnnx.VOCAB);
        assertArrayEquals(last, step, 1e-5f, family + " with-past branch");
    }

    static int[] ids(Random r, int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(BartOnnx.VOCAB);
        }
        return ids;
    }

    /** [1, H, rows, cols]: every row sums to 1; with {@code causal}, nothing above the diagonal. */
    static void assertRows(float[] p, int rows, int cols, boolean causal, String context) {
        assertEquals(H * rows * cols, p.length, context + " shape");
        for (int h = 0; h < H; h++) {
            for (int i = 0; i < rows; i++) {
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    float w = p[(h * rows + i) * cols + j];
                    sum += w;
                    if (causal && j > i) {
                        assertEquals(0f, w, context + " [" + i + "][" + j + "] above the diagonal");
                    }
                }
                assertEquals(1.0, sum, 1e-5, context + " head " + h + " row " + i);
                assertTrue(Double.isFinite(sum), context);
            }
        }
    }
}
