package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.attnplanes.testmodels.OnnxBuilder.attr;
import static org.attnplanes.testmodels.OnnxBuilder.attrs;

/**
 * Building blocks shared by the text generators ({@link DecoderOnnx}, {@link BartOnnx}, {@link T5Onnx}): their common
 * sizes, seeded weights (the same values for the same name in every file and branch), projections, head
 * split/merge, norms, masks, the primitive attention core as eager PyTorch exports it
 * ({@code MatMul → [Mul] → Add(bias) → Softmax → MatMul}), and optimum's merged decoder (an {@code If} on
 * {@code use_cache_branch} over a with-past and a no-cache branch), plus the input and output declarations of an
 * encoder–decoder's decoder.
 */
final class ModelParts {

    /** Vocabulary rows of every generated text model. */
    static final int VOCAB = 384;
    /** Hidden width. */
    static final int D = 32;
    /** Attention heads per layer. */
    static final int HEADS = 4;
    /** Width of one head. */
    static final int DH = D / HEADS;
    /** MLP width. */
    static final int FFN = 64;
    /** Encoder layers of the encoder–decoders. */
    static final int ENCODER_LAYERS = 2;
    /** Decoder layers of the encoder–decoders. */
    static final int DECODER_LAYERS = 3;

    private final long seed;

    ModelParts(long seed) {
        this.seed = seed;
    }

    float[] w(String name, int size, double scale) {
        Random r = new Random(seed * 1_000_003L + name.hashCode());
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    String weight(OnnxBuilder b, String name, double scale, int... dims) {
        if (b.initializers.containsKey(name)) {
            return name;
        }
        int size = 1;
        long[] ld = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            size *= dims[i];
            ld[i] = dims[i];
        }
        return b.floats(name, w(name, size, scale), ld);
    }

    private String gain(OnnxBuilder b, String name, int d) {
        if (b.initializers.containsKey(name)) {
            return name;
        }
        float[] g = w(name, d, 0.1);
        for (int i = 0; i < d; i++) {
            g[i] += 1f;
        }
        return b.floats(name, g, d);
    }

    String linear(OnnxBuilder b, String x, String name, int in, int out, boolean bias) {
        String y = b.node("MatMul", x, weight(b, name + ".weight", 0.3, in, out));
        return bias ? b.node("Add", y, weight(b, name + ".bias", 0.1, out)) : y;
    }

    String layerNorm(OnnxBuilder b, String x, String name, int d) {
        return b.node("LayerNormalization", List.of(x, gain(b, name + ".weight", d), weight(b, name + ".bias", 0.1, d)),
                attr("axis", -1L), attr("epsilon", 1e-5f));
    }

    /** T5LayerNorm: x · 1/√(mean(x²) + ε) · w, no mean subtraction and no bias (as T5's export writes it). */
    String rmsNorm(OnnxBuilder b, String x, String name, int d) {
        String ms = b.node("ReduceMean", List.of(b.node("Pow", x, b.scalar(name + "_two", 2f))), attrs("axes", -1),
                attr("keepdims", 1L));
        String inv = b.node("Reciprocal", b.node("Sqrt", b.node("Add", ms, b.scalar(name + "_eps", 1e-6f))));
        return b.node("Mul", gain(b, name + ".weight", d), b.node("Mul", x, inv));
    }

    /** Exact GELU as torch exports it: 0.5·x·(1 + erf(x/√2)). */
    static String gelu(OnnxBuilder b, String x) {
        return b.node("Mul", b.node("Mul", x, b.node("Add", b.node("Erf", b.node("Div", x,
                b.scalar("gelu_sqrt2", (float) Math.sqrt(2)))), b.scalar("gelu_one", 1f))), b.scalar("gelu_half", 0.5f));
    }

    /** [B, S, heads·dh] → [B, heads, S, dh]. */
    static String heads(OnnxBuilder b, String t, int heads, int dh, String name) {
        return b.node("Transpose", List.of(b.node("Reshape", t, b.longs(name + "_shape", 0, 0, heads, dh))),
                attrs("perm", 0, 2, 1, 3));
    }

    /** [B, heads, S, dh] → [B, S, heads·dh]. */
    static String merge(OnnxBuilder b, String ctx, int d, String name) {
        return b.node("Reshape", b.node("Transpose", List.of(ctx), attrs("perm", 0, 2, 1, 3)),
                b.longs(name + "_merge", 0, 0, d));
    }

    /**
     * The attention core: scores = Q·Kᵀ (× {@code scale} unless NaN) + {@code bias}; probabilities = Softmax over
     * the keys (a node named {@code nodeName}, its output appended to {@code softmax}); returns probabilities · V.
     */
    static String attend(OnnxBuilder b, String q, String k, String v, float scale, String bias, String nodeName,
                         List<String> softmax) {
        String scores = b.node("MatMul", q, b.node("Transpose", List.of(k), attrs("perm", 0, 1, 3, 2)));
        if (!Float.isNaN(scale)) {
            scores = b.node("Mul", scores, b.scalar(nodeName.replace('/', '_') + "_scaling", scale));
        }
        if (bias != null) {
            scores = b.node("Add", scores, bias);
        }
        String probs = b.named("Softmax", nodeName, List.of(scores), attr("axis", -1L));
        softmax.add(probs);
        return b.node("MatMul", probs, v);
    }

    /** The four projection names of an attention block (suffixes of its weight names) and whether they have a bias. */
    record Projections(String q, String k, String v, String o, boolean bias) {

        /** BART's {@code q_proj}/{@code k_proj}/{@code v_proj}/{@code out_proj}, with biases. */
        static final Projections BART = new Projections("q_proj", "k_proj", "v_proj", "out_proj", true);
        /** T5's {@code q}/{@code k}/{@code v}/{@code o}, without biases. */
        static final Projections T5 = new Projections("q", "k", "v", "o", false);
    }

    /**
     * One attention block of the encoder–decoder generators: queries projected from {@code x}; keys/values projected
     * from {@code kvSource}, or (null) read from {@code pastPrefix}.key/.value as they are (a with-past
     * cross-attention); when {@code appendPast}, the new keys/values are appended to {@code pastPrefix}'s;
     * {@link #attend} with {@code scale} (NaN: none) and {@code mask}; heads merged and projected out. {@code kv}
     * (may be null) receives the K/V tensors.
     */
    String attentionBlock(OnnxBuilder b, String x, String kvSource, String n, Projections p, float scale, String mask,
                          String pastPrefix, boolean appendPast, List<String> softmax, String[] kv) {
        String q = heads(b, linear(b, x, n + "." + p.q(), D, D, p.bias()), HEADS, DH, n + "_q");
        String k;
        String v;
        if (kvSource == null) {
            k = pastPrefix + ".key";
            v = pastPrefix + ".value";
        } else {
            k = heads(b, linear(b, kvSource, n + "." + p.k(), D, D, p.bias()), HEADS, DH, n + "_k");
            v = heads(b, linear(b, kvSource, n + "." + p.v(), D, D, p.bias()), HEADS, DH, n + "_v");
            if (appendPast) {
                k = b.node("Concat", List.of(pastPrefix + ".key", k), attr("axis", 2L));
                v = b.node("Concat", List.of(pastPrefix + ".value", v), attr("axis", 2L));
            }
        }
        if (kv != null) {
            kv[0] = k;
            kv[1] = v;
        }
        String ctx = attend(b, q, k, v, scale, mask, n + "/Softmax", softmax);
        return linear(b, merge(b, ctx, D, n), n + "." + p.o(), D, D, p.bias());
    }

    /** The additive padding mask [B, 1, 1, S] of a 0/1 int64 mask input: 0 where 1, float min where 0. */
    static String paddingMask(OnnxBuilder b, String mask, String name) {
        String m = b.node("Cast", List.of(b.node("Unsqueeze", mask, b.longs(name + "_axes", 1, 2))),
                attr("to", (long) TensorProto.DataType.BOOL_VALUE));
        return b.node("Where", m, b.scalar(name + "_zero", 0f), b.scalar(name + "_min", -Float.MAX_VALUE));
    }

    /** The int64 scalar length of axis {@code axis} of {@code tensor}. */
    static String length(OnnxBuilder b, String tensor, long axis, String name) {
        return b.node("Squeeze", b.node("Shape", List.of(tensor), attr("start", axis), attr("end", axis + 1)),
                b.longs(name + "_sq", 0));
    }

    /**
     * The additive causal mask [1, 1, S, P + S]: 0 where key j ≤ P + i, float min after; {@code past} is the int64
     * scalar past length P, or null for 0.
     */
    static String causalMask(OnnxBuilder b, String s, String past) {
        String one = b.longScalar("causal_one", 1);
        String zero = b.longScalar("causal_zero", 0);
        String start = past == null ? zero : past;
        String total = past == null ? s : b.node("Add", past, s);
        String rows = b.node("Range", start, total, one);
        String cols = b.node("Range", zero, total, one);
        String allowed = b.node("LessOrEqual", b.node("Unsqueeze", cols, b.longs("causal_axis0", 0)),
                b.node("Unsqueeze", rows, b.longs("causal_axis1", 1)));
        String m = b.node("Where", allowed, b.scalar("causal_zero_f", 0f), b.scalar("causal_min", -Float.MAX_VALUE));
        return b.node("Unsqueeze", m, b.longs("causal_axes01", 0, 1));
    }

    /**
     * One branch of a merged decoder: {@code body} fills a builder whose names carry {@code prefix}; its nodes and
     * int64 constants stay inside, float weights move to {@code outer}'s initializers (shared by both branches,
     * deduplicated by name), as optimum's merge leaves them.
     */
    static GraphProto branch(OnnxBuilder outer, String prefix, Consumer<OnnxBuilder> body) {
        OnnxBuilder b = new OnnxBuilder(prefix);
        body.accept(b);
        GraphProto.Builder g = GraphProto.newBuilder().setName(prefix.substring(0, prefix.length() - 1))
                .addAllNode(b.nodes).addAllOutput(b.outputs);
        for (TensorProto t : b.initializers.values()) {
            if (t.getDataType() == TensorProto.DataType.INT64_VALUE) {
                g.addInitializer(t);
            } else {
                outer.initializers.putIfAbsent(t.getName(), t);
            }
        }
        return g.build();
    }

    /** Adds optimum's {@code If} node ({@code optimum::if} on {@code use_cache_branch}) with outputs {@code outputs}. */
    static void mergedIf(OnnxBuilder outer, GraphProto withPast, GraphProto noPast, List<String> outputs) {
        outer.nodes.add(NodeProto.newBuilder().setOpType("If").setName("optimum::if").addInput("use_cache_branch")
                .addAllOutput(outputs).addAttribute(OnnxBuilder.attr("then_branch", withPast))
                .addAttribute(OnnxBuilder.attr("else_branch", noPast)).build());
    }

    /** An encoder–decoder's decoder outputs in optimum's order: logits, then per layer decoder/encoder key/value. */
    static List<String> seq2seqDecoderOutputs() {
        List<String> outs = new ArrayList<>();
        outs.add("logits");
        for (int l = 0; l < DECODER_LAYERS; l++) {
            for (String part : List.of("decoder.key", "decoder.value", "encoder.key", "encoder.value")) {
                outs.add("present." + l + "." + part);
            }
        }
        return outs;
    }

    /**
     * Declares an encoder–decoder decoder's inputs: {@code input_ids}, {@code encoder_attention_mask},
     * {@code encoder_hidden_states} and, with {@code past}, {@code past_key_values.{i}.decoder|encoder.key|value}.
     */
    static void declareSeq2SeqDecoderInputs(OnnxBuilder b, boolean past) {
        b.input("input_ids", TensorProto.DataType.INT64, "batch_size", "decoder_sequence_length");
        b.input("encoder_attention_mask", TensorProto.DataType.INT64, "batch_size", "encoder_sequence_length");
        b.input("encoder_hidden_states", TensorProto.DataType.FLOAT, "batch_size", "encoder_sequence_length",
                Integer.toString(D));
        if (past) {
            for (int l = 0; l < DECODER_LAYERS; l++) {
                for (String part : List.of("decoder.key", "decoder.value")) {
                    b.input("past_key_values." + l + "." + part, TensorProto.DataType.FLOAT, "batch_size",
                            Integer.toString(HEADS), "past_decoder_sequence_length", Integer.toString(DH));
                }
                for (String part : List.of("encoder.key", "encoder.value")) {
                    b.input("past_key_values." + l + "." + part, TensorProto.DataType.FLOAT, "batch_size",
                            Integer.toString(HEADS), "encoder_sequence_length_out", Integer.toString(DH));
                }
            }
        }
    }

    /**
     * Names layer {@code l}'s encoder presents {@code out + "present.{l}.encoder.key/value"}: the cross-attention's
     * key and value ({@code crossKv}) in the no-cache decoder; in the with-past decoder, which has none in optimum's
     * merge, constant empty placeholders.
     */
    static void encoderPresents(OnnxBuilder b, String out, int l, boolean past, String[] crossKv) {
        if (past) {
            String empty = b.floats(out + "present." + l + ".encoder.placeholder", new float[0], 0, HEADS, 1, DH);
            b.rename(empty, out + "present." + l + ".encoder.key");
            b.rename(empty, out + "present." + l + ".encoder.value");
        } else {
            b.rename(crossKv[0], out + "present." + l + ".encoder.key");
            b.rename(crossKv[1], out + "present." + l + ".encoder.value");
        }
    }

    /** Declares the outputs of {@link #seq2seqDecoderOutputs()}, each name prefixed with {@code prefix}. */
    static void declareSeq2SeqDecoderOutputs(OnnxBuilder b, String prefix) {
        b.output(prefix + "logits", TensorProto.DataType.FLOAT, "batch_size", "decoder_sequence_length",
                Integer.toString(VOCAB));
        for (int l = 0; l < DECODER_LAYERS; l++) {
            for (String part : List.of("decoder.key", "decoder.value")) {
                b.output(prefix + "present." + l + "." + part, TensorProto.DataType.FLOAT, "batch_size",
                        Integer.toString(HEADS), "past_decoder_sequence_length + 1", Integer.toString(DH));
            }
            for (String part : List.of("encoder.key", "encoder.value")) {
                b.output(prefix + "present." + l + "." + part, TensorProto.DataType.FLOAT, "batch_size",
                        Integer.toString(HEADS), "encoder_sequence_length_out", Integer.toString(DH));
            }
        }
    }

    /**
     * An encoder–decoder decoder in optimum's merged file: the with-past and the no-cache branch of
     * {@code body} (builder, past?, self Softmax list, cross Softmax list, output prefix) under one {@code If};
     * the returned Softmax names are the no-cache branch's.
     */
    static Seq2SeqModels.Decoder mergedSeq2SeqDecoder(DecoderBody body) {
        OnnxBuilder outer = new OnnxBuilder("");
        declareSeq2SeqDecoderInputs(outer, true);
        outer.input("use_cache_branch", TensorProto.DataType.BOOL, "1");
        List<String> self = new ArrayList<>();
        List<String> cross = new ArrayList<>();
        GraphProto withPast = branch(outer, "with_past/", b -> {
            body.build(b, true, new ArrayList<>(), new ArrayList<>(), "with_past/");
            declareSeq2SeqDecoderOutputs(b, "with_past/");
        });
        GraphProto noPast = branch(outer, "no_past/", b -> {
            body.build(b, false, self, cross, "no_past/");
            declareSeq2SeqDecoderOutputs(b, "no_past/");
        });
        mergedIf(outer, withPast, noPast, seq2seqDecoderOutputs());
        declareSeq2SeqDecoderOutputs(outer, "");
        return new Seq2SeqModels.Decoder(OnnxBuilder.model(outer.graph("merged"), 17, false), self, cross);
    }

    /** The plain decoder file ({@code decoder_model.onnx}) of {@code body}. */
    static Seq2SeqModels.Decoder plainSeq2SeqDecoder(DecoderBody body) {
        OnnxBuilder b = new OnnxBuilder("");
        declareSeq2SeqDecoderInputs(b, false);
        List<String> self = new ArrayList<>();
        List<String> cross = new ArrayList<>();
        body.build(b, false, self, cross, "");
        declareSeq2SeqDecoderOutputs(b, "");
        return new Seq2SeqModels.Decoder(OnnxBuilder.model(b.graph("main_graph"), 17, false), self, cross);
    }

    /** Builds an encoder–decoder's decoder graph body into {@code b}; outputs are named {@code out} + optimum's names. */
    @FunctionalInterface
    interface DecoderBody {
        void build(OnnxBuilder b, boolean past, List<String> self, List<String> cross, String out);
    }
}
