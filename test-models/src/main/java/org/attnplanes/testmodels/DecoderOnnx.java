package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;

import static org.attnplanes.testmodels.OnnxBuilder.attr;
import static org.attnplanes.testmodels.OnnxBuilder.attrs;

/**
 * Test-model generator: small causal decoders with seeded random weights in the exact layouts the Hugging Face
 * optimum exporter and the ONNX Runtime fusions write (hidden 32, 2 layers, 4 heads of 8).
 *
 * <ul>
 *   <li>{@link Family#GPT2}: learned positions ({@code wpe} gathered by {@code position_ids}), LayerNorm,
 *       packed {@code c_attn} QKV projection split in three, GELU MLP;</li>
 *   <li>{@link Family#LLAMA}: no position table, RMSNorm, rotary embedding from {@code Sin}/{@code Cos} of
 *       {@code position_ids × inv_freq}, grouped-query attention with 2 KV heads repeated by
 *       {@code Unsqueeze → Expand → Reshape}, SwiGLU MLP.</li>
 * </ul>
 * Cache layouts ({@link Cache}): none ({@code decoder_model.onnx}: no past inputs, {@code present.*} outputs),
 * past ({@code model.onnx}: {@code past_key_values.{i}.key|value} [batch, kv_heads, past, head_dim] inputs), and
 * merged ({@code decoder_model_merged.onnx}: one {@code If} on {@code use_cache_branch} whose branches have no
 * inputs and read the outer scope). Attention ({@link Attn}): primitive ops, or fused as
 * {@code com.microsoft.Attention} (unidirectional, packed weights, int32 mask_index),
 * {@code com.microsoft.MultiHeadAttention} (bias input, additive attention_bias) or the opset-23 {@code Attention}.
 * The causal + padding mask is the additive {@code [batch, 1, query, key]} float mask (0 or float min) built
 * from {@code Range}/{@code LessOrEqual}/{@code Where}, as transformers' 4-D mask helper is exported.
 */
public final class DecoderOnnx {

    public static final int VOCAB = ModelParts.VOCAB;
    public static final int D = ModelParts.D;
    public static final int HEADS = ModelParts.HEADS;
    public static final int DH = ModelParts.DH;
    public static final int LAYERS = 2;
    public static final int FFN = ModelParts.FFN;
    public static final int GPT2_POSITIONS = 64;
    public static final int LLAMA_KV_HEADS = 2;

    /** GPT2; OPT = GPT-2's structure with OPT/BART learned positions (table of positions + 2 rows, index + 2); LLAMA. */
    public enum Family { GPT2, OPT, LLAMA }

    public enum Cache { NONE, PAST, MERGED }

    /**
     * PRIMITIVE: additive float mask, Softmax, MatMul. SDPA_BOOL_MASK: as torch.onnx exports
     * {@code scaled_dot_product_attention} with a boolean mask (opset 14 symbolic): Q and Kᵀ each scaled by
     * √scale, the boolean mask turned additive by {@code Where(mask, 0, −inf)}, Softmax, then
     * {@code Where(IsNaN(p), 0, p)} before the MatMul with V. The fused kinds as in the class comment.
     */
    public enum Attn { PRIMITIVE, SDPA_BOOL_MASK, MS_ATTENTION, MS_MHA, ONNX_ATTENTION }

    /** A generated model and the names of its attention Softmax outputs, per layer (primitive attention only). */
    public record Generated(ModelProto model, List<String> softmaxOutputs) {
    }

    private final Family family;
    private final Attn attn;
    private final ModelParts parts;
    private final int layers;
    /** More than 0: a sequence-classification head with this many classes instead of the LM head. */
    private int classes;

    private DecoderOnnx(Family family, Attn attn, long seed, int layers) {
        this.layers = layers;
        this.family = family;
        this.attn = attn;
        this.parts = new ModelParts(seed);
    }

    public static int kvHeads(Family family) {
        return family == Family.LLAMA ? LLAMA_KV_HEADS : HEADS;
    }

    /** A primitive-attention decoder. */
    public static Generated decoder(Family family, Cache cache, long seed) {
        return decoder(family, cache, Attn.PRIMITIVE, seed);
    }

    public static Generated decoder(Family family, Cache cache, Attn attn, long seed) {
        return decoder(family, cache, attn, seed, LAYERS);
    }

    /**
     * A decoder with {@code layers} layers instead of {@link #LAYERS} (the benchmarks' bigger models); the weights
     * of the first layers are those of the smaller model with the same seed.
     */
    public static Generated decoder(Family family, Cache cache, Attn attn, long seed, int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers = " + layers + " must be >= 1");
        }
        if (attn != Attn.PRIMITIVE && attn != Attn.SDPA_BOOL_MASK && (family != Family.GPT2 || cache == Cache.MERGED)) {
            throw new IllegalArgumentException("fused attention is generated for GPT-2 without merge only");
        }
        DecoderOnnx gen = new DecoderOnnx(family, attn, seed, layers);
        int opset = attn == Attn.ONNX_ATTENTION ? 23 : 17;
        boolean ms = attn == Attn.MS_ATTENTION || attn == Attn.MS_MHA;
        if (cache != Cache.MERGED) {
            OnnxBuilder b = new OnnxBuilder("");
            gen.declareInputs(b, cache == Cache.PAST);
            List<String> softmax = new ArrayList<>();
            gen.body(b, cache == Cache.PAST, softmax, "");
            gen.declareOutputs(b, "", attn == Attn.PRIMITIVE || attn == Attn.SDPA_BOOL_MASK
                    || attn == Attn.ONNX_ATTENTION);
            return new Generated(OnnxBuilder.model(b.graph("decoder"), opset, ms), softmax);
        }
        OnnxBuilder outer = new OnnxBuilder("");
        gen.declareInputs(outer, true);
        outer.input("use_cache_branch", TensorProto.DataType.BOOL, "1");
        List<String> softmax = new ArrayList<>();
        GraphProto withPast = ModelParts.branch(outer, "with_past/", b -> {
            gen.body(b, true, new ArrayList<>(), "with_past/");
            gen.declareOutputs(b, "with_past/", true);
        });
        GraphProto noPast = ModelParts.branch(outer, "no_past/", b -> {
            gen.body(b, false, softmax, "no_past/");
            gen.declareOutputs(b, "no_past/", true);
        });
        List<String> outs = new ArrayList<>();
        outs.add("logits");
        for (int l = 0; l < layers; l++) {
            outs.add("present." + l + ".key");
            outs.add("present." + l + ".value");
        }
        ModelParts.mergedIf(outer, withPast, noPast, outs);
        gen.declareOutputs(outer, "", true);
        return new Generated(OnnxBuilder.model(outer.graph("merged"), opset, false), softmax);
    }

    /**
     * GPT-2 with a sequence-classification head, as transformers' {@code GPT2ForSequenceClassification} is exported
     * (no cache): the final hidden state of each input's last real token (the attention mask summed, minus 1,
     * gathered by {@code GatherND} with one batch dimension) times {@code score.weight} [D, classes], output
     * {@code logits} [batch_size, classes]. The weights of the body are those of {@link #decoder} with the seed.
     */
    public static Generated sequenceClassifier(long seed, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes = " + classes + " must be >= 2");
        }
        DecoderOnnx gen = new DecoderOnnx(Family.GPT2, Attn.PRIMITIVE, seed, LAYERS);
        gen.classes = classes;
        OnnxBuilder b = new OnnxBuilder("");
        gen.declareInputs(b, false);
        List<String> softmax = new ArrayList<>();
        gen.body(b, false, softmax, "");
        gen.declareOutputs(b, "", false);
        return new Generated(OnnxBuilder.model(b.graph("classifier"), 17, false), softmax);
    }

    private void declareInputs(OnnxBuilder b, boolean past) {
        b.input("input_ids", TensorProto.DataType.INT64, "batch_size", "sequence_length");
        b.input("attention_mask", TensorProto.DataType.INT64, "batch_size",
                past ? "past_sequence_length + sequence_length" : "sequence_length");
        b.input("position_ids", TensorProto.DataType.INT64, "batch_size", "sequence_length");
        if (past) {
            String kv = Integer.toString(kvHeads(family));
            for (int l = 0; l < layers; l++) {
                for (String kind : List.of("key", "value")) {
                    b.input("past_key_values." + l + "." + kind, TensorProto.DataType.FLOAT, "batch_size", kv,
                            "past_sequence_length", Integer.toString(DH));
                }
            }
        }
    }

    private void declareOutputs(OnnxBuilder b, String prefix, boolean present) {
        if (classes > 0) {
            b.output(prefix + "logits", TensorProto.DataType.FLOAT, "batch_size", Integer.toString(classes));
        } else {
            b.output(prefix + "logits", TensorProto.DataType.FLOAT, "batch_size", "sequence_length",
                    Integer.toString(VOCAB));
        }
        if (present) {
            String kv = Integer.toString(kvHeads(family));
            for (int l = 0; l < layers; l++) {
                for (String kind : List.of("key", "value")) {
                    b.output(prefix + "present." + l + "." + kind, TensorProto.DataType.FLOAT, "batch_size", kv,
                            "past_sequence_length + 1", Integer.toString(DH));
                }
            }
        }
    }

    /** Seeded weights, the same for the same name whatever the model variant. */
    private float[] w(String name, int size, double scale) {
        return parts.w(name, size, scale);
    }

    private String weight(OnnxBuilder b, String name, double scale, int... dims) {
        return parts.weight(b, name, scale, dims);
    }

    private void body(OnnxBuilder b, boolean past, List<String> softmax, String out) {
        String x;
        String cos = null;
        String sin = null;
        if (family == Family.GPT2) {
            x = b.node("Add", b.node("Gather", weight(b, "transformer.wte.weight", 1.0, VOCAB, D), "input_ids"),
                    b.node("Gather", weight(b, "transformer.wpe.weight", 0.5, GPT2_POSITIONS, D), "position_ids"));
        } else if (family == Family.OPT) {
            String shifted = b.node("Add", "position_ids", b.longScalar("position_offset", 2));
            x = b.node("Add", b.node("Gather", weight(b, "model.decoder.embed_tokens.weight", 1.0, VOCAB, D), "input_ids"),
                    b.node("Gather", weight(b, "model.decoder.embed_positions.weight", 0.5, GPT2_POSITIONS + 2, D),
                            shifted));
        } else {
            x = b.node("Gather", weight(b, "model.embed_tokens.weight", 1.0, VOCAB, D), "input_ids");
            float[] inv = new float[DH / 2];
            for (int i = 0; i < inv.length; i++) {
                inv[i] = (float) (1.0 / Math.pow(10000.0, 2.0 * i / DH));
            }
            String invFreq = b.initializers.containsKey("model.rotary_emb.inv_freq") ? "model.rotary_emb.inv_freq"
                    : b.floats("model.rotary_emb.inv_freq", inv, DH / 2);
            String pos = b.node("Unsqueeze", b.node("Cast", List.of("position_ids"),
                    attr("to", (long) TensorProto.DataType.FLOAT_VALUE)), b.longs("axis_last", -1));
            String freqs = b.node("Mul", pos, invFreq);                                  // [B, S, DH/2]
            String emb = b.node("Concat", List.of(freqs, freqs), attr("axis", -1L));     // [B, S, DH]
            cos = b.node("Unsqueeze", b.node("Cos", emb), b.longs("axis_heads", 1));    // [B, 1, S, DH]
            sin = b.node("Unsqueeze", b.node("Sin", emb), b.longs("axis_heads2", 1));
        }
        // com.microsoft.Attention as ONNX Runtime's transformer optimizer writes it: one int32 mask index shared by
        // every node (its fusion converts each mask input once) and no causal-mask subgraph (the op is
        // unidirectional; the optimizer prunes what no longer feeds an output)
        String mask = attn == Attn.MS_ATTENTION ? b.node("Cast", List.of("attention_mask"),
                attr("to", (long) TensorProto.DataType.INT32_VALUE)) : causalMask(b);
        for (int l = 0; l < layers; l++) {
            x = family != Family.LLAMA ? gpt2Layer(b, x, l, mask, past, softmax, out)
                    : llamaLayer(b, x, l, mask, cos, sin, past, softmax, out);
        }
        String logits;
        if (classes > 0) {
            x = layerNorm(b, x, "transformer.ln_f");
            String last = b.node("Sub", b.node("ReduceSum", List.of("attention_mask", b.longs("sum_axis", 1)),
                    attr("keepdims", 1L)), b.longScalar("one_token", 1));                   // [B, 1]
            String pooled = b.node("GatherND", List.of(x, last), attr("batch_dims", 1L));      // [B, D]
            logits = b.node("MatMul", pooled, weight(b, "score.weight", 1.0, D, classes));
        } else if (family != Family.LLAMA) {
            x = layerNorm(b, x, "transformer.ln_f");
            logits = b.node("MatMul", x, weight(b, "lm_head.weight", 0.3, D, VOCAB));
        } else {
            x = rmsNorm(b, x, "model.norm");
            logits = b.node("MatMul", x, weight(b, "lm_head.weight", 0.3, D, VOCAB));
        }
        b.rename(logits, out + "logits");
    }

    /** Additive [B, 1, S, T] mask: 0 where key j ≤ past + i and attention_mask[j] = 1, else float min. */
    private String causalMask(OnnxBuilder b) {
        String s = b.node("Squeeze", b.node("Shape", List.of("input_ids"), attr("start", 1L), attr("end", 2L)),
                b.longs("axis0", 0));
        String t = b.node("Squeeze", b.node("Shape", List.of("attention_mask"), attr("start", 1L), attr("end", 2L)),
                b.longs("axis0b", 0));
        String one = b.longScalar("one", 1);
        String rows = b.node("Range", b.node("Sub", t, s), t, one);                       // [S]: past .. T-1
        String cols = b.node("Range", b.longScalar("zero", 0), t, one);                   // [T]
        String causal = b.node("LessOrEqual", b.node("Unsqueeze", cols, b.longs("axis0c", 0)),
                b.node("Unsqueeze", rows, b.longs("axis1", 1)));                          // [S, T]
        String pad = b.node("Cast", List.of(b.node("Unsqueeze", "attention_mask", b.longs("axes12", 1, 2))),
                attr("to", (long) TensorProto.DataType.BOOL_VALUE));                      // [B, 1, 1, T]
        String allowed = b.node("And", causal, pad);                                    // [B, 1, S, T] bool
        if (attn == Attn.SDPA_BOOL_MASK) {
            return allowed;
        }
        return b.node("Where", allowed, b.scalar("mask_zero", 0f),
                b.scalar("mask_min", -Float.MAX_VALUE));                                  // [B, 1, S, T]
    }

    private String gpt2Layer(OnnxBuilder b, String x, int l, String mask, boolean past, List<String> softmax,
                             String out) {
        String p = "transformer.h." + l + ".";
        String h = layerNorm(b, x, p + "ln_1");
        String ctx;
        if (attn == Attn.MS_ATTENTION) {
            ctx = b.nodeN("Attention", "com.microsoft", List.of(h, weight(b, p + "attn.c_attn.weight", 0.4, D, 3 * D),
                    weight(b, p + "attn.c_attn.bias", 0.1, 3 * D), mask), 1,
                    attr("num_heads", (long) HEADS), attr("unidirectional", 1L)).get(0);
        } else if (attn == Attn.MS_MHA) {
            float[] wqkv = w(p + "attn.c_attn.weight", D * 3 * D, 0.4);
            List<String> proj = new ArrayList<>();
            for (int part = 0; part < 3; part++) {
                float[] slice = new float[D * D];
                for (int r = 0; r < D; r++) {
                    System.arraycopy(wqkv, r * 3 * D + part * D, slice, r * D, D);
                }
                proj.add(b.node("MatMul", h, b.floats(p + "attn.w" + "qkv".charAt(part), slice, D, D)));
            }
            ctx = b.nodeN("MultiHeadAttention", "com.microsoft", List.of(proj.get(0), proj.get(1), proj.get(2),
                    weight(b, p + "attn.c_attn.bias", 0.1, 3 * D), "", mask), 1, attr("num_heads", (long) HEADS)).get(0);
        } else {
            String qkv = b.node("Add", b.node("MatMul", h, weight(b, p + "attn.c_attn.weight", 0.4, D, 3 * D)),
                    weight(b, p + "attn.c_attn.bias", 0.1, 3 * D));
            List<String> split = b.nodeN("Split", "", List.of(qkv, b.longs(p + "split", D, D, D)), 3,
                    attr("axis", -1L));
            String q = heads(b, split.get(0), HEADS, p + "q");
            String k = heads(b, split.get(1), HEADS, p + "k");
            String v = heads(b, split.get(2), HEADS, p + "v");
            ctx = attention(b, q, k, v, l, mask, past, softmax, out, HEADS);
        }
        x = b.node("Add", x, linear(b, ctx, p + "attn.c_proj", D, D, true));
        String h2 = layerNorm(b, x, p + "ln_2");
        String up = linear(b, h2, p + "mlp.c_fc", D, FFN, true);
        // exact GELU as torch exports it: 0.5·x·(1 + erf(x/√2))
        String gelu = b.node("Mul", b.node("Mul", up, b.node("Add", b.node("Erf", b.node("Div", up,
                b.scalar("sqrt2", (float) Math.sqrt(2)))), b.scalar("gelu_one", 1f))), b.scalar("half", 0.5f));
        return b.node("Add", x, linear(b, gelu, p + "mlp.c_proj", FFN, D, true));
    }

    private String llamaLayer(OnnxBuilder b, String x, int l, String mask, String cos, String sin, boolean past,
                              List<String> softmax, String out) {
        String p = "model.layers." + l + ".";
        int kv = LLAMA_KV_HEADS;
        String h = rmsNorm(b, x, p + "input_layernorm");
        String q = heads(b, b.node("MatMul", h, weight(b, p + "self_attn.q_proj.weight", 0.4, D, HEADS * DH)),
                HEADS, p + "q");
        String k = heads(b, b.node("MatMul", h, weight(b, p + "self_attn.k_proj.weight", 0.4, D, kv * DH)),
                kv, p + "k");
        String v = heads(b, b.node("MatMul", h, weight(b, p + "self_attn.v_proj.weight", 0.4, D, kv * DH)),
                kv, p + "v");
        q = rotary(b, q, cos, sin, p + "q");
        k = rotary(b, k, cos, sin, p + "k");
        String ctx = attention(b, q, k, v, l, mask, past, softmax, out, kv);
        x = b.node("Add", x, b.node("MatMul", ctx, weight(b, p + "self_attn.o_proj.weight", 0.3, D, D)));
        String h2 = rmsNorm(b, x, p + "post_attention_layernorm");
        String gate = b.node("MatMul", h2, weight(b, p + "mlp.gate_proj.weight", 0.3, D, FFN));
        String silu = b.node("Mul", gate, b.node("Sigmoid", gate));
        String up = b.node("MatMul", h2, weight(b, p + "mlp.up_proj.weight", 0.3, D, FFN));
        return b.node("Add", x, b.node("MatMul", b.node("Mul", silu, up),
                weight(b, p + "mlp.down_proj.weight", 0.3, FFN, D)));
    }

    /** [B, S, n·DH] → [B, n, S, DH]. */
    private static String heads(OnnxBuilder b, String t, int n, String name) {
        return ModelParts.heads(b, t, n, DH, name);
    }

    /** x·cos + rotate_half(x)·sin, rotate_half(x) = concat(−x[..., DH/2:], x[..., :DH/2]). */
    private static String rotary(OnnxBuilder b, String x, String cos, String sin, String name) {
        String axis = b.longs(name + "_rot_axis", -1);
        String x1 = b.node("Slice", x, b.longs(name + "_s0", 0), b.longs(name + "_e0", DH / 2), axis);
        String x2 = b.node("Slice", x, b.longs(name + "_s1", DH / 2), b.longs(name + "_e1", DH), axis);
        String rot = b.node("Concat", List.of(b.node("Neg", x2), x1), attr("axis", -1L));
        return b.node("Add", b.node("Mul", x, cos), b.node("Mul", rot, sin));
    }

    /** Past concat, present outputs, GQA repeat, scores, mask, Softmax (or Attention-23), context [B, S, D]. */
    private String attention(OnnxBuilder b, String q, String k, String v, int l, String mask, boolean past,
                             List<String> softmax, String out, int kvHeads) {
        if (past) {
            k = b.node("Concat", List.of("past_key_values." + l + ".key", k), attr("axis", 2L));
            v = b.node("Concat", List.of("past_key_values." + l + ".value", v), attr("axis", 2L));
        }
        if (attn == Attn.PRIMITIVE || attn == Attn.SDPA_BOOL_MASK || attn == Attn.ONNX_ATTENTION) {
            b.rename(k, out + "present." + l + ".key");
            b.rename(v, out + "present." + l + ".value");
        }
        if (kvHeads != HEADS) {
            String rep = b.longs("l" + l + "_rep", 1, 1, HEADS / kvHeads, 1, 1);
            String shape = b.longs("l" + l + "_rep_shape", 0, HEADS, -1, DH);
            String axis = b.longs("l" + l + "_rep_axis", 2);
            k = b.node("Reshape", b.node("Expand", b.node("Unsqueeze", k, axis), rep), shape);
            v = b.node("Reshape", b.node("Expand", b.node("Unsqueeze", v, axis), rep), shape);
        }
        String ctx;
        if (attn == Attn.ONNX_ATTENTION) {
            ctx = b.nodeN("Attention", "", List.of(q, k, v, mask), 1).get(0);                // [B, N, S, DH]
        } else if (attn == Attn.SDPA_BOOL_MASK) {
            String sqrtScale = b.scalar("l" + l + "_sqrt_scale", (float) Math.sqrt(1.0 / Math.sqrt(DH)));
            String qs = b.node("Mul", q, sqrtScale);
            String ks = b.node("Mul", b.node("Transpose", List.of(k), attrs("perm", 0, 1, 3, 2)), sqrtScale);
            String additive = b.node("Where", mask, b.scalar("l" + l + "_sdpa_zero", 0f),
                    b.scalar("l" + l + "_sdpa_neg_inf", Float.NEGATIVE_INFINITY));
            String probs = b.named("Softmax", "layers." + l + "/attn/Softmax",
                    List.of(b.node("Add", b.node("MatMul", qs, ks), additive)), attr("axis", -1L));
            softmax.add(probs);
            String clean = b.node("Where", b.node("IsNaN", probs), b.scalar("l" + l + "_nan_zero", 0f), probs);
            ctx = b.node("MatMul", clean, v);
        } else {
            String scores = b.node("Div", b.node("MatMul", q, b.node("Transpose", List.of(k), attrs("perm", 0, 1, 3, 2))),
                    b.scalar("l" + l + "_sqrt_dh", (float) Math.sqrt(DH)));
            String probs = b.named("Softmax", "layers." + l + "/attn/Softmax", List.of(b.node("Add", scores, mask)),
                    attr("axis", -1L));
            softmax.add(probs);
            ctx = b.node("MatMul", probs, v);
        }
        ctx = b.node("Transpose", List.of(ctx), attrs("perm", 0, 2, 1, 3));
        return b.node("Reshape", ctx, b.longs("l" + l + "_merge", 0, 0, D));
    }

    private String linear(OnnxBuilder b, String x, String name, int in, int outDim, boolean bias) {
        return parts.linear(b, x, name, in, outDim, bias);
    }

    private String layerNorm(OnnxBuilder b, String x, String name) {
        return parts.layerNorm(b, x, name, D);
    }

    private String rmsNorm(OnnxBuilder b, String x, String name) {
        return parts.rmsNorm(b, x, name, D);
    }
}
