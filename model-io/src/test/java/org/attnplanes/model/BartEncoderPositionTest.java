package org.attnplanes.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.testmodels.BartOnnx;
import org.attnplanes.testmodels.Seq2SeqModels;
import org.attnplanes.testmodels.OrtDebugRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BART-style encoder (issue 11.6): learned positions gathered at {@code Range(0, S) + 2} from a table of
 * positions + 2 rows. The position limit is the table less the offset, a capture at that limit (which reads the
 * table's last row) equals the Softmax outputs of a debug copy run in ONNX Runtime, and one token more is refused
 * with a sentence instead of an ONNX Runtime index error.
 */
class BartEncoderPositionTest {

    @TempDir
    Path dir;

    @Test
    void bartEncoder_offsetTwoTable_limitIsRowsLessTwoAndCaptureAtLimitEqualsOrt() throws Exception {
        Seq2SeqModels.Encoder enc = BartOnnx.encoder(11);
        Path p = dir.resolve("encoder_model.onnx");
        Files.write(p, enc.model().toByteArray());
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1)
                .store(ModelStore.disabled()).build())) {
            assertEquals(BartOnnx.POSITIONS, m.maxTokens());
            ModelDescription d = m.describe();
            assertEquals("48 tokens (learned position table of 50 rows, offset 2)", d.positionLimit());
            assertFalse(m.causal(), "an encoder's attention is bidirectional");
            Random r = new Random(5);
            for (int n : new int[] {BartOnnx.POSITIONS, 1 + r.nextInt(20), 2}) {
                int[] ids = new int[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = r.nextInt(BartOnnx.VOCAB);
                }
                AttentionTrace t = m.capture(ids);
                Map<String, float[]> ref = debugRun(enc, ids);
                assertEquals(BartOnnx.ENCODER_LAYERS, t.layers());
                for (int l = 0; l < t.layers(); l++) {
                    float[] want = ref.get(enc.selfSoftmax().get(l));
                    for (int h = 0; h < t.heads(); h++) {
                        for (int i = 0; i < n; i++) {
                            double sum = 0;
                            for (int j = 0; j < n; j++) {
                                float w = t.attention(l, h).weight(i, j);
                                sum += w;
                                assertEquals(want[(h * n + i) * n + j], w, 1e-6f,
                                        "n " + n + " layer " + l + " head " + h + " [" + i + "][" + j + "]");
                            }
                            assertEquals(1.0, sum, 1e-5);
                        }
                    }
                }
                float[] hidden = ref.get("last_hidden_state");
                float[] got = t.outputs().get("last_hidden_state").data();
                for (int i = 0; i < hidden.length; i++) {
                    assertEquals(hidden[i], got[i], 1e-6f, "last_hidden_state[" + i + "]");
                }
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.capture(new int[BartOnnx.POSITIONS + 1]));
            assertEquals("tokenIds has 49 ids but at most 48 are allowed (position table of encoder_model.onnx, "
                    + "offset 2)", e.getMessage());
        }
    }

    /** The unmodified encoder with its Softmax outputs added as graph outputs, run directly in ONNX Runtime. */
    private static Map<String, float[]> debugRun(Seq2SeqModels.Encoder enc, int[] ids) throws Exception {
        List<String> wanted = new ArrayList<>(enc.selfSoftmax());
        wanted.add("last_hidden_state");
        return OrtDebugRun.run(enc.model(), wanted, OrtDebugRun.firstStep(ids));
    }
}
