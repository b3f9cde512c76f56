package org.attnplanes.model;

import org.attnplanes.testmodels.OnnxBuilder;
import org.attnplanes.testmodels.DecoderOnnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import org.attnplanes.graph.AttentionTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GPT-2 decoders whose attention is one fused node per layer (com.microsoft.Attention, com.microsoft.MultiHeadAttention,
 * opset-23 Attention): the captured attention equals the Softmax outputs of the unfused twin (same weights) run in
 * ONNX Runtime, and the logits equal those of the fused model as written, run in ONNX Runtime.
 */
class FusedAttentionCaptureTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DecoderOnnx.Attn.class, names = {"MS_ATTENTION", "MS_MHA", "ONNX_ATTENTION"})
    void capture_fusedDecoder_equalsUnfusedTwin(DecoderOnnx.Attn attn) throws Exception {
        long seed = 41 + attn.ordinal();
        DecoderOnnx.Generated fused = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, attn, seed);
        DecoderOnnx.Generated twin = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, seed);
        Path p = dir.resolve(attn + ".onnx");
        Files.write(p, fused.model().toByteArray());
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            ModelDescription d = m.describe();
            assertTrue(d.fusedOps().isEmpty(), d.fusedOps().toString());
            assertEquals(DecoderOnnx.LAYERS, m.layers());
            assertEquals(DecoderOnnx.HEADS, m.heads());
            Random r = new Random(seed);
            for (int trial = 0; trial < 3; trial++) {
                int[] ids = DecoderCaptureTest.randomIds(r, 1 + r.nextInt(20));
                AttentionTrace t = m.capture(ids);
                Map<String, float[]> ref = DecoderCaptureTest.debugRun(twin.model(), twin.softmaxOutputs(), ids);
                List<float[]> planes = new ArrayList<>();
                for (String s : twin.softmaxOutputs()) {
                    planes.add(ref.get(s));
                }
                float[] asWritten = DecoderCaptureTest.debugRun(fused.model(), List.of(), ids).get("logits");
                float[] got = t.outputs().get("logits").data();
                double scale = 0;
                double diff = 0;
                for (int i = 0; i < got.length; i++) {
                    scale = Math.max(scale, Math.abs(asWritten[i]));
                    diff = Math.max(diff, Math.abs(asWritten[i] - got[i]));
                }
                assertTrue(diff <= 1e-5 * scale, attn + ": logits differ by " + diff + " (max " + scale + ")");
                // logits were checked against the fused model above; the twin's differ by float rounding only
                DecoderCaptureTest.assertCausalTrace(t, planes, got,
                        attn + " trial " + trial + " (n = " + ids.length + ")", 1e-6);
            }
        }
    }

    @Test
    void capture_multiHeadAttentionWithoutBias_isRewrittenAndChecked() throws Exception {
        ModelProto m = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, DecoderOnnx.Attn.MS_MHA, 8)
                .model();
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("MultiHeadAttention")) {
                g.setNode(i, g.getNode(i).toBuilder().setInput(3, ""));
            }
        }
        ModelProto noBias = m.toBuilder().setGraph(g).build();
        Path p = dir.resolve("mha-nobias.onnx");
        Files.write(p, noBias.toByteArray());
        int[] ids = {3, 1, 4, 1, 5, 9, 2, 6};
        try (AttentionModel model = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            AttentionTrace t = model.capture(ids);
            float[] asWritten = DecoderCaptureTest.debugRun(noBias, List.of(), ids).get("logits");
            float[] got = t.outputs().get("logits").data();
            for (int i = 0; i < got.length; i++) {
                assertEquals(asWritten[i], got[i], 1e-4, "logit " + i);
            }
            assertTrue(t.causal());
        }
    }

    @Test
    void rewriteCheck_changedOutputs_refuseTheModel() throws Exception {
        byte[] original = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, 5).model().toByteArray();
        byte[] other = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, 6).model().toByteArray();
        Path p = dir.resolve("changed.onnx");
        Files.write(p, original);
        ai.onnx.proto.OnnxMl.ModelProto parsed = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(original);
        org.attnplanes.model.internal.GraphAnalysis a = org.attnplanes.model.internal.GraphAnalysis.of(parsed);
        try (org.attnplanes.model.internal.OnnxSession same = new org.attnplanes.model.internal.OnnxSession(original, dir, 1);
             org.attnplanes.model.internal.OnnxSession changed = new org.attnplanes.model.internal.OnnxSession(other, dir, 1)) {
            RewriteCheck.verify(p, original, dir, same, a, 1);       // identical: accepted
            ModelException e = assertThrows(ModelException.class, () -> RewriteCheck.verify(p, original, dir, changed, a, 1));
            assertTrue(e.getMessage().startsWith("rewriting the fused attention of changed.onnx into primitive ops "
                    + "changed output \"logits\" (max |diff| = "), e.getMessage());
        }
    }

    @Test
    void open_rotaryInsideContribAttention_refusedNamingTheNode() throws Exception {
        ModelProto m = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE,
                DecoderOnnx.Attn.MS_ATTENTION, 3).model();
        GraphProto.Builder g = m.getGraph().toBuilder();
        String name = null;
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getOpType().equals("Attention") && name == null) {
                name = n.getName();
                g.setNode(i, n.toBuilder().addAttribute(OnnxBuilder.attr("do_rotary", 1L)));
            }
        }
        // without bias the node is not run (ONNX Runtime's kernel would crash the process) but refused
        ModelProto.Builder noBias = m.toBuilder();
        GraphProto.Builder nb = m.getGraph().toBuilder();
        for (int i = 0; i < nb.getNodeCount(); i++) {
            if (nb.getNode(i).getOpType().equals("Attention")) {
                nb.setNode(i, nb.getNode(i).toBuilder().setInput(2, ""));
            }
        }
        Path q = dir.resolve("nobias.onnx");
        Files.write(q, noBias.setGraph(nb).build().toByteArray());
        ModelException nbe = assertThrows(ModelException.class, () -> AttentionModel.open(q));
        assertTrue(nbe.getMessage().contains("in a layout model-io cannot rewrite (rotary inside the op, shared past "
                + "buffer, no bias,"), nbe.getMessage());
        Path p = dir.resolve("rotary.onnx");
        Files.write(p, m.toBuilder().setGraph(g).build().toByteArray());
        ModelException e = assertThrows(ModelException.class, () -> AttentionModel.open(p));
        assertTrue(e.getMessage().startsWith("attention is partly fused in rotary.onnx; found fused op "
                + "com.microsoft.Attention at node \"" + name + "\", in a layout model-io cannot rewrite"), e.getMessage());
    }
}
