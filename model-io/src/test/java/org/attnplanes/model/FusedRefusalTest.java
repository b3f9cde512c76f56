package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import org.attnplanes.testmodels.TinyOnnx;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 5: every fused attention op model-io cannot rewrite faithfully (GroupQueryAttention, the packed
 * forms, the decoder-masked kernels, sparse attention) is refused at open with one sentence that names the op, the
 * node and the fix; {@code inspect} still describes the model.
 */
class FusedRefusalTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"GroupQueryAttention", "PackedAttention", "PackedMultiHeadAttention",
        "DecoderMaskedMultiHeadAttention", "DecoderMaskedSelfAttention", "SparseAttention", "PagedAttention"})
    void open_unrewritableFusedOp_oneSentenceNamingOpNodeAndFix(String op) throws Exception {
        ModelProto m = TinyOnnx.fusedAttention();
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("Attention")) {
                g.setNode(i, g.getNode(i).toBuilder().setOpType(op));
            }
        }
        Path p = Files.write(dir.resolve(op + ".onnx"), m.toBuilder().setGraph(g).build().toByteArray());
        ModelException e = assertThrows(ModelException.class,
                () -> AttentionModel.open(p, CaptureOptions.builder().threads(1).build()).close());
        String msg = e.getMessage();
        assertTrue(msg.startsWith("no attention Softmax found in " + op + ".onnx; found fused op com.microsoft." + op
                + " at node \"Attention_0\""), msg);
        assertTrue(msg.endsWith("export the model without fused attention (eager/unfused attention, e.g. "
                + "attn_implementation=\"eager\") and without ONNX Runtime transformer optimizations"), msg);
        assertFalse(msg.contains("\n"), msg);
        ModelDescription d = AttentionModel.inspect(p, null);
        assertEquals(1, d.fusedOps().size());
        assertFalse(d.capturable());
    }
}
