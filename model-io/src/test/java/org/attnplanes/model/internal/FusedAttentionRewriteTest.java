package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.attnplanes.testmodels.OnnxBuilder;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code com.microsoft.Attention} decomposition against ONNX Runtime's own kernel, on seeded random layouts the
 * capture tests do not reach: a non-empty {@code past} (the causal diagonal moves by the past length), 2-D and 3-D
 * {@code mask_index}, with and without {@code unidirectional}, opset 13 (Range-built causal mask) and 14/17
 * (Trilu), weights as initializers (constant scale) or as a graph input (scale from the runtime shape), and two
 * nodes sharing one mask (the additive mask is built once). Both models run on the same random inputs; every
 * output must agree within 1e-5 of its largest magnitude.
 */
class FusedAttentionRewriteTest {

    private static final int D = 8;
    private static final int HEADS = 2;
    private static final int DH = D / HEADS;

    @Test
    void contribAttention_rewrite_equalsOrtKernel_onRandomLayouts() throws Exception {
        Random r = new Random(20261206);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int[] opsets = {13, 14, 17};
        for (int trial = 0; trial < 24; trial++) {
            int opset = opsets[trial % 3];
            int maskRank = (trial / 3) % 3 == 0 ? 0 : 1 + (trial / 3) % 3;        // 0 (none), 2, 3
            boolean causal = (trial / 9) % 2 == 0;
            int past = trial % 4 == 1 ? 0 : 1 + r.nextInt(3);
            boolean weightsAsInput = trial % 5 == 2;
            int s = 1 + r.nextInt(5);
            int t = past + s;
            String what = "trial " + trial + " (opset " + opset + ", mask rank " + maskRank + ", unidirectional "
                    + causal + ", past " + past + ", n " + s + ", weights as input " + weightsAsInput + ")";

            // the graph input capture feeds as attention_mask lets a causal node without past fold the causal part
            // into the shared mask; any other name keeps it per node
            String mask = trial % 2 == 1 ? "attention_mask" : "mask";
            OnnxBuilder b = new OnnxBuilder("");
            b.input("x", TensorProto.DataType.FLOAT, "1", "s", Integer.toString(D));
            if (maskRank == 2) {
                b.input(mask, TensorProto.DataType.INT32, "1", "t");
            } else if (maskRank == 3) {
                b.input(mask, TensorProto.DataType.INT32, "1", "s", "t");
            }
            if (past > 0) {
                b.input("past0", TensorProto.DataType.FLOAT, "2", "1", Integer.toString(HEADS), "p", Integer.toString(DH));
                b.input("past1", TensorProto.DataType.FLOAT, "2", "1", Integer.toString(HEADS), "p", Integer.toString(DH));
            }
            if (weightsAsInput) {
                b.input("w0", TensorProto.DataType.FLOAT, Integer.toString(D), Integer.toString(3 * D));
            } else {
                b.floats("w0", gaussian(r, D * 3 * D, 0.6), D, 3 * D);
            }
            b.floats("w1", gaussian(r, D * 3 * D, 0.6), D, 3 * D);
            b.floats("b0", gaussian(r, 3 * D, 0.2), 3 * D);
            b.floats("b1", gaussian(r, 3 * D, 0.2), 3 * D);
            String x = "x";
            List<String> outs = new ArrayList<>();
            for (int layer = 0; layer < 2; layer++) {
                List<String> in = new ArrayList<>(List.of(x, "w" + layer, "b" + layer, maskRank == 0 ? "" : mask));
                if (past > 0) {
                    in.add("past" + layer);
                }
                List<String> o = b.nodeN("Attention", "com.microsoft", in, past > 0 ? 2 : 1,
                        OnnxBuilder.attr("num_heads", (long) HEADS), OnnxBuilder.attr("unidirectional", causal ? 1L : 0L));
                x = o.get(0);
                outs.addAll(o);
            }
            for (String o : outs) {
                b.outputs.add(unshaped(o));
            }
            ModelProto fused = OnnxBuilder.model(b.graph("attention"), opset, true);
            List<String> notes = new ArrayList<>();
            ModelProto rewritten = FusedAttention.rewrite(fused, notes);
            assertEquals(1, notes.size(), what);
            for (NodeProto n : rewritten.getGraph().getNodeList()) {
                assertTrue(n.getDomain().isEmpty(), what + ": left " + n.getOpType());
            }

            Map<String, OnnxTensor> feeds = new HashMap<>();
            try {
                feeds.put("x", OnnxTensor.createTensor(env, FloatBuffer.wrap(gaussian(r, s * D, 1)), new long[] {1, s, D}));
                if (maskRank > 0) {
                    int[] m = new int[maskRank == 2 ? t : s * t];
                    for (int i = 0; i < m.length; i++) {
                        m[i] = r.nextInt(4) == 0 ? 0 : 1;
                    }
                    for (int i = 0; i < m.length; i += t) {
                        m[i] = 1;                         // every row keeps its first key
                    }
                    feeds.put(mask, OnnxTensor.createTensor(env, IntBuffer.wrap(m),
                            maskRank == 2 ? new long[] {1, t} : new long[] {1, s, t}));
                }
                for (int layer = 0; past > 0 && layer < 2; layer++) {
                    feeds.put("past" + layer, OnnxTensor.createTensor(env,
                            FloatBuffer.wrap(gaussian(r, 2 * HEADS * past * DH, 1)), new long[] {2, 1, HEADS, past, DH}));
                }
                if (weightsAsInput) {
                    feeds.put("w0", OnnxTensor.createTensor(env, FloatBuffer.wrap(gaussian(r, D * 3 * D, 0.6)),
                            new long[] {D, 3 * D}));
                }
                Map<String, float[]> want = run(env, fused, feeds, outs);
                Map<String, float[]> got = run(env, rewritten, feeds, outs);
                for (String o : outs) {
                    float[] a = want.get(o);
                    float[] c = got.get(o);
                    assertEquals(a.length, c.length, what + " " + o);
                    double scale = 0;
                    double diff = 0;
                    for (int i = 0; i < a.length; i++) {
                        scale = Math.max(scale, Math.abs(a[i]));
                        diff = Math.max(diff, Math.abs(a[i] - c[i]));
                    }
                    assertTrue(diff <= 1e-5 * scale, what + " " + o + ": max |diff| " + diff + " (max " + scale + ")");
                }
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void sharedMask_builtOnce_andScaleConstant_whenWeightsAreInitializers() {
        OnnxBuilder b = new OnnxBuilder("");
        b.input("x", TensorProto.DataType.FLOAT, "1", "s", Integer.toString(D));
        b.input("mask", TensorProto.DataType.INT32, "1", "s");
        Random r = new Random(5);
        String x = "x";
        for (int layer = 0; layer < 3; layer++) {
            b.floats("w" + layer, gaussian(r, D * 3 * D, 0.6), D, 3 * D);
            b.floats("b" + layer, gaussian(r, 3 * D, 0.2), 3 * D);
            x = b.nodeN("Attention", "com.microsoft", List.of(x, "w" + layer, "b" + layer, "mask"), 1,
                    OnnxBuilder.attr("num_heads", (long) HEADS), OnnxBuilder.attr("unidirectional", 1L)).get(0);
        }
        b.outputs.add(unshaped(x));
        ModelProto rewritten = FusedAttention.rewrite(OnnxBuilder.model(b.graph("attention"), 17, true),
                new ArrayList<>());
        Map<String, Integer> ops = new HashMap<>();
        for (NodeProto n : rewritten.getGraph().getNodeList()) {
            ops.merge(n.getOpType(), 1, Integer::sum);
        }
        assertEquals(1, ops.get("Cast"), ops.toString());          // the mask's, once for three nodes
        assertEquals(null, ops.get("Sqrt"), ops.toString());       // 1/√8 is a constant
        assertEquals(3, ops.get("Trilu"), ops.toString());
        assertEquals(3, ops.get("Softmax"), ops.toString());
    }

    /**
     * The fed attention mask reaching each node through its own Cast (as the generated GPT-2 has it) is recognised
     * as one mask: the additive mask, with the causal part folded in (no past: S = T), is built once for all three
     * nodes; on a padded mask the rewrite still equals ONNX Runtime's kernel.
     */
    @Test
    void fedMaskThroughPerNodeCasts_causalFoldedIntoOneSharedMask_equalsKernel() throws Exception {
        OnnxBuilder b = new OnnxBuilder("");
        b.input("x", TensorProto.DataType.FLOAT, "1", "s", Integer.toString(D));
        b.input("attention_mask", TensorProto.DataType.INT64, "1", "s");
        Random r = new Random(11);
        String x = "x";
        for (int layer = 0; layer < 3; layer++) {
            b.floats("w" + layer, gaussian(r, D * 3 * D, 0.6), D, 3 * D);
            b.floats("b" + layer, gaussian(r, 3 * D, 0.2), 3 * D);
            String cast = b.node("Cast", List.of("attention_mask"),
                    OnnxBuilder.attr("to", (long) TensorProto.DataType.INT32_VALUE));
            x = b.nodeN("Attention", "com.microsoft", List.of(x, "w" + layer, "b" + layer, cast), 1,
                    OnnxBuilder.attr("num_heads", (long) HEADS), OnnxBuilder.attr("unidirectional", 1L)).get(0);
        }
        b.outputs.add(unshaped(x));
        ModelProto fused = OnnxBuilder.model(b.graph("attention"), 17, true);
        ModelProto rewritten = FusedAttention.rewrite(fused, new ArrayList<>());
        Map<String, Integer> ops = new HashMap<>();
        for (NodeProto n : rewritten.getGraph().getNodeList()) {
            ops.merge(n.getOpType(), 1, Integer::sum);
        }
        assertEquals(3 + 1, ops.get("Cast"), ops.toString());      // the model's three, the float mask's once
        assertEquals(null, ops.get("Trilu"), ops.toString());      // no causal mask per node
        assertEquals(1, ops.get("Greater"), ops.toString());       // one causal mask for three nodes
        assertEquals(1, ops.get("Where"), ops.toString());

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int s = 6;
        long[] m = {1, 1, 0, 1, 1, 0};
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            feeds.put("x", OnnxTensor.createTensor(env, FloatBuffer.wrap(gaussian(r, s * D, 1)), new long[] {1, s, D}));
            feeds.put("attention_mask", OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(m), new long[] {1, s}));
            float[] want = run(env, fused, feeds, List.of(x)).get(x);
            float[] got = run(env, rewritten, feeds, List.of(x)).get(x);
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < want.length; i++) {
                scale = Math.max(scale, Math.abs(want[i]));
                diff = Math.max(diff, Math.abs(want[i] - got[i]));
            }
            assertTrue(diff <= 1e-5 * scale, "max |diff| " + diff + " (max " + scale + ")");
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * An opset-23 Attention whose fourth output the model already uses in another mode (raw Q·Kᵀ, mode 0 by
     * default) is left as it is, since switching it to the probabilities would change a model output: analysis then
     * lists it as fused; in mode 3 the same node is exposed, through the Reshape that declares its shape right.
     */
    @Test
    void standardAttention_qkOutputInOtherMode_leftAlone_mode3Exposed() {
        for (long mode : new long[] {-1, 0, 1, 3}) {
            OnnxBuilder b = new OnnxBuilder("");
            for (String t : List.of("q", "k", "v")) {
                b.input(t, TensorProto.DataType.FLOAT, "1", "2", "s", "4");
            }
            List<ai.onnx.proto.OnnxMl.AttributeProto> attrs = new ArrayList<>();
            if (mode >= 0) {
                attrs.add(OnnxBuilder.attr("qk_matmul_output_mode", mode));
            }
            List<String> o = b.nodeN("Attention", "", List.of("q", "k", "v"), 4,
                    attrs.toArray(new ai.onnx.proto.OnnxMl.AttributeProto[0]));
            b.outputs.add(unshaped(o.get(0)));
            b.outputs.add(unshaped(o.get(3)));
            ModelProto m = OnnxBuilder.model(b.graph("attention"), 23, false);
            List<String> notes = new ArrayList<>();
            ModelProto rewritten = FusedAttention.rewrite(m, notes);
            GraphAnalysis a = GraphAnalysis.of(rewritten);
            if (mode == 3) {
                assertEquals(1, notes.size(), "mode 3");
                assertEquals(List.of(), a.fusedOps(), "mode 3");
                assertTrue(a.softmaxes().get(0).probabilities().startsWith(FusedAttention.PREFIX), "mode 3");
            } else {
                assertSame(m, rewritten, "mode " + mode);
                assertEquals(1, a.fusedOps().size(), "mode " + mode + ": " + a.fusedOps());
                assertEquals(List.of(), a.softmaxes(), "mode " + mode);
            }
        }
    }

    private static Map<String, float[]> run(OrtEnvironment env, ModelProto model, Map<String, OnnxTensor> feeds,
                                            List<String> outputs) throws Exception {
        Map<String, float[]> out = new HashMap<>();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toByteArray(), so);
                 OrtSession.Result res = session.run(feeds)) {
                for (String o : outputs) {
                    FloatBuffer fb = ((OnnxTensor) res.get(o).orElseThrow()).getFloatBuffer();
                    float[] a = new float[fb.remaining()];
                    fb.get(a);
                    out.put(o, a);
                }
            }
        }
        return out;
    }

    private static ValueInfoProto unshaped(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))).build();
    }

    private static float[] gaussian(Random r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }
}
