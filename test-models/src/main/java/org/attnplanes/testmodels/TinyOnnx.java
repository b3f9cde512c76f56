package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Test helper: builds small ONNX models with {@code ai.onnx.proto.OnnxMl} — a tiny transformer encoder in
 * two attention layouts (with its weights, for a reference forward pass), a tiny MLP without attention, and a
 * graph with a fused {@code com.microsoft.Attention} node — node by node on the module's one graph builder,
 * {@link OnnxBuilder}.
 */
public final class TinyOnnx {

    public static final int VOCAB = 16;
    public static final int POSITIONS = 12;
    public static final int D = 8;
    public static final int HEADS = 2;
    public static final int DH = D / HEADS;
    public static final int FFN = 16;
    public static final int LAYERS = 2;

    /** Attention layout of the generated encoder. */
    public enum Layout { RANK4, RANK3 }

    /** The weights of the tiny encoder (row-major; x·W convention, W is [in, out]). */
    public static final class Weights {
        public final float[] wordEmbedding;     // [VOCAB, D]
        public final float[] positionEmbedding; // [POSITIONS, D]
        public final float[][] wq = new float[LAYERS][], bq = new float[LAYERS][];
        public final float[][] wk = new float[LAYERS][], bk = new float[LAYERS][];
        public final float[][] wv = new float[LAYERS][], bv = new float[LAYERS][];
        public final float[][] wo = new float[LAYERS][], bo = new float[LAYERS][];
        public final float[][] w1 = new float[LAYERS][], b1 = new float[LAYERS][];
        public final float[][] w2 = new float[LAYERS][], b2 = new float[LAYERS][];

        public Weights(long seed) {
            Random r = new Random(seed);
            wordEmbedding = gaussian(r, VOCAB * D, 1.0);
            positionEmbedding = gaussian(r, POSITIONS * D, 0.5);
            for (int l = 0; l < LAYERS; l++) {
                wq[l] = gaussian(r, D * D, 0.7);
                bq[l] = gaussian(r, D, 0.1);
                wk[l] = gaussian(r, D * D, 0.7);
                bk[l] = gaussian(r, D, 0.1);
                wv[l] = gaussian(r, D * D, 0.5);
                bv[l] = gaussian(r, D, 0.1);
                wo[l] = gaussian(r, D * D, 0.3);
                bo[l] = gaussian(r, D, 0.1);
                w1[l] = gaussian(r, D * FFN, 0.3);
                b1[l] = gaussian(r, FFN, 0.1);
                w2[l] = gaussian(r, FFN * D, 0.3);
                b2[l] = gaussian(r, D, 0.1);
            }
        }

        private static float[] gaussian(Random r, int size, double scale) {
            float[] a = new float[size];
            for (int i = 0; i < size; i++) {
                a[i] = (float) (r.nextGaussian() * scale);
            }
            return a;
        }
    }

    private final OnnxBuilder b = new OnnxBuilder("");
    private boolean microsoft;

    private TinyOnnx() {
    }

    /** The tiny encoder; inputs input_ids, position_ids and (rank 4 only) attention_mask; output "hidden". */
    public static ModelProto encoder(Weights w, Layout layout, boolean extraInput) {
        TinyOnnx b = new TinyOnnx();
        b.input("input_ids", TensorProto.DataType.INT64, "batch", "sequence");
        if (layout == Layout.RANK4) {
            b.input("attention_mask", TensorProto.DataType.INT64, "batch", "sequence");
        }
        b.input("position_ids", TensorProto.DataType.INT64, "batch", "sequence");
        if (extraInput) {
            b.input("pixel_values", TensorProto.DataType.FLOAT, "batch", "sequence");
        }
        b.floats("embeddings.word_embeddings.weight", w.wordEmbedding, VOCAB, D);
        b.floats("embeddings.position_embeddings.weight", w.positionEmbedding, POSITIONS, D);
        String x = b.node("Add", b.node("Gather", "embeddings.word_embeddings.weight", "input_ids"),
                b.node("Gather", "embeddings.position_embeddings.weight", "position_ids"));
        if (extraInput) {
            String s = b.node("Unsqueeze", "pixel_values", b.longs("axis2", new long[] {2}, 1));
            x = b.node("Add", x, s);
        }
        String mask = null;
        if (layout == Layout.RANK4) {
            // additive mask [b, 1, 1, n]: (1 - mask) * -10000
            String m = b.node("Cast", List.of("attention_mask"), attr("to", TensorProto.DataType.FLOAT_VALUE));
            m = b.node("Sub", b.scalar("one", 1f), m);
            m = b.node("Mul", m, b.scalar("minus_big", -10000f));
            mask = b.node("Unsqueeze", m, b.longs("mask_axes", new long[] {1, 2}, 2));
        }
        String seqShape = null;
        if (layout == Layout.RANK3) {
            String shape = b.node("Shape", "input_ids");
            String n = b.node("Gather", List.of(shape, b.longs("one_index", new long[] {1}, 1)), attr("axis", 0));
            seqShape = n; // [n], a 1-D tensor
        }
        b.scalar("scale", (float) (1.0 / Math.sqrt(DH)));
        b.longs("split_heads", new long[] {0, 0, HEADS, DH}, 4);
        b.longs("merge_heads", new long[] {0, 0, D}, 3);
        for (int l = 0; l < LAYERS; l++) {
            String p = "layer." + l + ".";
            String q = b.linear(x, p + "query", w.wq[l], w.bq[l], D, D);
            String k = b.linear(x, p + "key", w.wk[l], w.bk[l], D, D);
            String v = b.linear(x, p + "value", w.wv[l], w.bv[l], D, D);
            q = b.node("Reshape", q, "split_heads");
            k = b.node("Reshape", k, "split_heads");
            v = b.node("Reshape", v, "split_heads");
            String qh = b.node("Transpose", List.of(q), attrs("perm", 0, 2, 1, 3));   // [b, H, n, dh]
            String kh = b.node("Transpose", List.of(k), attrs("perm", 0, 2, 3, 1));   // [b, H, dh, n]
            String vh = b.node("Transpose", List.of(v), attrs("perm", 0, 2, 1, 3));   // [b, H, n, dh]
            String ctx;
            if (layout == Layout.RANK4) {
                String scores = b.node("Mul", b.node("MatMul", qh, kh), "scale");
                scores = b.node("Add", scores, mask);
                String probs = b.named("Softmax", p + "attention/Softmax", List.of(scores), attr("axis", -1));
                ctx = b.node("MatMul", b.node("Identity", probs), vh);                  // [b, H, n, dh]
            } else {
                // PyTorch nn.MultiheadAttention style: heads folded into the batch axis
                String s3 = b.node("Concat", List.of(b.longs(p + "m1", new long[] {-1}, 1), seqShape,
                        b.longs(p + "dh", new long[] {DH}, 1)), attr("axis", 0));
                String st3 = b.node("Concat", List.of(b.longs(p + "m1t", new long[] {-1, DH}, 2), seqShape),
                        attr("axis", 0));
                String q3 = b.node("Reshape", qh, s3);                                   // [b·H, n, dh]
                String k3 = b.node("Reshape", kh, st3);                                  // [b·H, dh, n]
                String v3 = b.node("Reshape", vh, s3);                                   // [b·H, n, dh]
                String scores = b.node("Mul", b.node("MatMul", q3, k3), "scale");
                String probs = b.named("Softmax", p + "self_attn/Softmax", List.of(scores), attr("axis", -1));
                String dropped = b.node("Dropout", b.node("Cast", List.of(probs),
                        attr("to", TensorProto.DataType.FLOAT_VALUE)));
                String c3 = b.node("MatMul", dropped, v3);                               // [b·H, n, dh]
                String s4 = b.node("Concat", List.of(b.longs(p + "m1h", new long[] {-1, HEADS}, 2), seqShape,
                        b.longs(p + "dh2", new long[] {DH}, 1)), attr("axis", 0));
                ctx = b.node("Reshape", c3, s4);                                         // [b, H, n, dh]
            }
            ctx = b.node("Transpose", List.of(ctx), attrs("perm", 0, 2, 1, 3));         // [b, n, H, dh]
            ctx = b.node("Reshape", ctx, "merge_heads");                               // [b, n, D]
            x = b.node("Add", x, b.linear(ctx, p + "output", w.wo[l], w.bo[l], D, D));
            String hidden = b.node("Relu", b.linear(x, p + "ffn1", w.w1[l], w.b1[l], D, FFN));
            x = b.node("Add", x, b.linear(hidden, p + "ffn2", w.w2[l], w.b2[l], FFN, D));
        }
        b.b.nodes.add(NodeProto.newBuilder().setOpType("Identity").setName("output").addInput(x).addOutput("hidden")
                .build());
        b.output("hidden", "batch", "sequence", Integer.toString(D));
        return b.build();
    }

    /** A two-layer perceptron with a Softmax at the end: valid ONNX, no attention. */
    public static ModelProto mlp(long seed) {
        TinyOnnx b = new TinyOnnx();
        Random r = new Random(seed);
        b.input("x", TensorProto.DataType.FLOAT, "batch", "4");
        b.floats("w1", Weights.gaussian(r, 16, 1), 4, 4);
        b.floats("b1", Weights.gaussian(r, 4, 1), 4);
        b.floats("w2", Weights.gaussian(r, 12, 1), 4, 3);
        b.floats("b2", Weights.gaussian(r, 3, 1), 3);
        String h = b.node("Relu", b.node("Gemm", "x", "w1", "b1"));
        String y = b.node("Softmax", List.of(b.node("Gemm", h, "w2", "b2")), attr("axis", -1));
        b.b.nodes.add(NodeProto.newBuilder().setOpType("Identity").addInput(y).addOutput("probabilities").build());
        b.output("probabilities", "batch", "3");
        return b.build();
    }

    /** A graph whose attention is one fused com.microsoft.Attention node (never run, only analysed). */
    public static ModelProto fusedAttention() {
        TinyOnnx b = new TinyOnnx();
        b.microsoft = true;
        b.input("input_ids", TensorProto.DataType.INT64, "batch", "sequence");
        b.input("attention_mask", TensorProto.DataType.INT32, "batch", "sequence");
        Random r = new Random(3);
        b.floats("emb", Weights.gaussian(r, VOCAB * D, 1), VOCAB, D);
        b.floats("qkv_weight", Weights.gaussian(r, D * 3 * D, 1), D, 3 * D);
        b.floats("qkv_bias", Weights.gaussian(r, 3 * D, 1), 3 * D);
        String x = b.node("Gather", "emb", "input_ids");
        b.b.nodes.add(NodeProto.newBuilder().setOpType("Attention").setDomain("com.microsoft").setName("Attention_0")
                .addInput(x).addInput("qkv_weight").addInput("qkv_bias").addInput("attention_mask")
                .addOutput("attn_out").addAttribute(attr("num_heads", HEADS)).build());
        b.output("attn_out", "batch", "sequence", Integer.toString(D));
        return b.build();
    }

    // ---------------------------------------------------------------- building blocks (on OnnxBuilder)

    private String linear(String x, String name, float[] w, float[] bias, int in, int out) {
        floats(name + ".weight", w, in, out);
        floats(name + ".bias", bias, out);
        return node("Add", node("MatMul", x, name + ".weight"), name + ".bias");
    }

    private String node(String op, String... in) {
        return b.node(op, in);
    }

    private String node(String op, List<String> in, AttributeProto... attributes) {
        return b.node(op, in, attributes);
    }

    private String named(String op, String name, List<String> in, AttributeProto... attributes) {
        return b.named(op, name, in, attributes);
    }

    private static AttributeProto attr(String name, long value) {
        return OnnxBuilder.attr(name, value);
    }

    private static AttributeProto attrs(String name, long... values) {
        return OnnxBuilder.attrs(name, values);
    }

    private String floats(String name, float[] data, long... dims) {
        return b.floats(name, data, dims);
    }

    private String scalar(String name, float value) {
        return b.scalar(name, value);
    }

    private String longs(String name, long[] data, long length) {
        if (length != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for length " + length);
        }
        return b.longs(name, data);
    }

    private void input(String name, TensorProto.DataType type, String... dims) {
        b.input(name, type, dims);
    }

    private void output(String name, String... dims) {
        b.output(name, TensorProto.DataType.FLOAT, dims);
    }

    private ModelProto build() {
        return OnnxBuilder.model(b.graph("tiny"), 17, microsoft);
    }

    /**
     * Moves every float initializer of {@code model} into one external data file {@code dataFile} (next to the
     * model that will be written to {@code dir}) and returns the model that refers to it.
     */
    public static ModelProto withExternalData(ModelProto model, Path dir, String dataFile) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE || t.getRawData().size() < 16) {
                continue;
            }
            long offset = data.size();
            t.getRawData().writeTo(data);
            while (data.size() % 64 != 0) {
                data.write(0);
            }
            g.setInitializer(i, t.toBuilder().clearRawData()
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(dataFile))
                    .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)))
                    .addExternalData(StringStringEntryProto.newBuilder().setKey("length")
                            .setValue(Long.toString(t.getRawData().size())))
                    .build());
        }
        Files.write(dir.resolve(dataFile), data.toByteArray());
        return model.toBuilder().setGraph(g).build();
    }
}
