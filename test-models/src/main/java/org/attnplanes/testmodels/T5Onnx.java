package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;

import static org.attnplanes.testmodels.OnnxBuilder.attr;
import static org.attnplanes.testmodels.OnnxBuilder.attrs;

/**
 * Test-model generator: a T5-style encoder–decoder with seeded random weights (hidden 32, 4 heads of 8, 2 encoder
 * and 3 decoder layers) in optimum's file layout ({@code encoder_model.onnx}, {@code decoder_model.onnx} and
 * {@code decoder_model_merged.onnx}, inputs and outputs as for {@link BartOnnx}). What makes it T5:
 * <ul>
 *   <li>no position table: attention adds a <b>relative position bias</b> gathered from
 *       {@code relative_attention_bias} [32 buckets, heads] by the bucketed key − query distance, computed once by
 *       block 0 of each stack and reused by every layer (bidirectional buckets in the encoder, unidirectional
 *       with the causal mask in the decoder; cross-attention has a zero bias plus the padding mask);</li>
 *   <li>scores are Q·Kᵀ + bias with <b>no 1/√d scaling</b>; projections have no bias;</li>
 *   <li>pre-norm layers with T5's RMS-style layer norm (no mean subtraction, no bias), ReLU MLP;</li>
 *   <li>tied embeddings: the decoder output is scaled by d_model^−1/2 before {@code lm_head}.</li>
 * </ul>
 */
public final class T5Onnx {

    public static final int VOCAB = ModelParts.VOCAB;
    public static final int D = ModelParts.D;
    public static final int HEADS = ModelParts.HEADS;
    public static final int DH = ModelParts.DH;
    public static final int ENCODER_LAYERS = ModelParts.ENCODER_LAYERS;
    public static final int DECODER_LAYERS = ModelParts.DECODER_LAYERS;
    public static final int FFN = ModelParts.FFN;
    public static final int BUCKETS = 32;
    public static final int MAX_DISTANCE = 128;

    private final ModelParts parts;

    private T5Onnx(long seed) {
        this.parts = new ModelParts(seed);
    }

    /** {@code encoder_model.onnx}. */
    public static Seq2SeqModels.Encoder encoder(long seed) {
        T5Onnx gen = new T5Onnx(seed);
        ModelParts p = gen.parts;
        OnnxBuilder b = new OnnxBuilder("");
        b.input("input_ids", TensorProto.DataType.INT64, "batch_size", "encoder_sequence_length");
        b.input("attention_mask", TensorProto.DataType.INT64, "batch_size", "encoder_sequence_length");
        String x = b.node("Gather", p.weight(b, "shared.weight", 1.0, VOCAB, D), "input_ids");
        String s = ModelParts.length(b, "input_ids", 1, "enc_len");
        String bias = b.node("Add", gen.relativeBias(b, null, s, true,
                "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"),
                ModelParts.paddingMask(b, "attention_mask", "enc_mask"));                   // [B, N, S, S]
        List<String> softmax = new ArrayList<>();
        for (int l = 0; l < ENCODER_LAYERS; l++) {
            String n = "encoder.block." + l + ".";
            String h = p.rmsNorm(b, x, n + "layer.0.layer_norm", D);
            x = b.node("Add", x, gen.attention(b, h, h, n + "layer.0.SelfAttention", bias, softmax, new String[2],
                    null));
            x = b.node("Add", x, gen.mlp(b, p.rmsNorm(b, x, n + "layer.1.layer_norm", D), n + "layer.1"));
        }
        x = p.rmsNorm(b, x, "encoder.final_layer_norm", D);
        b.rename(x, "last_hidden_state");
        b.output("last_hidden_state", TensorProto.DataType.FLOAT, "batch_size", "encoder_sequence_length",
                Integer.toString(D));
        return new Seq2SeqModels.Encoder(OnnxBuilder.model(b.graph("main_graph"), 17, false), softmax);
    }

    /** {@code decoder_model.onnx} (no cache inputs). */
    public static Seq2SeqModels.Decoder decoder(long seed) {
        return ModelParts.plainSeq2SeqDecoder(new T5Onnx(seed)::decoderBody);
    }

    /**
     * {@code decoder_model_merged.onnx}: optimum's {@code If} on {@code use_cache_branch} over the no-cache decoder
     * and the with-past one (self keys/values appended to {@code past_key_values.{i}.decoder.*}, cross keys/values
     * read from {@code past_key_values.{i}.encoder.*}, the relative bias of the new query rows only, empty encoder
     * presents).
     */
    public static Seq2SeqModels.Decoder mergedDecoder(long seed) {
        return ModelParts.mergedSeq2SeqDecoder(new T5Onnx(seed)::decoderBody);
    }

    private void decoderBody(OnnxBuilder b, boolean past, List<String> self, List<String> cross, String out) {
        ModelParts p = parts;
        String x = b.node("Gather", p.weight(b, "shared.weight", 1.0, VOCAB, D), "input_ids");
        String s = ModelParts.length(b, "input_ids", 1, "dec_len");
        String pastLength = past ? ModelParts.length(b, "past_key_values.0.decoder.key", 2, "past_len") : null;
        String selfBias = b.node("Add", relativeBias(b, pastLength, s, false,
                "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"),
                ModelParts.causalMask(b, s, pastLength));                                     // [1, N, S, P + S]
        String crossBias = ModelParts.paddingMask(b, "encoder_attention_mask", "cross_mask"); // [B, 1, 1, Se]
        for (int l = 0; l < DECODER_LAYERS; l++) {
            String n = "decoder.block." + l + ".";
            String[] kv = new String[2];
            String h = p.rmsNorm(b, x, n + "layer.0.layer_norm", D);
            x = b.node("Add", x, attention(b, h, h, n + "layer.0.SelfAttention", selfBias, self, kv,
                    past ? "past_key_values." + l + ".decoder" : null));
            b.rename(kv[0], out + "present." + l + ".decoder.key");
            b.rename(kv[1], out + "present." + l + ".decoder.value");
            h = p.rmsNorm(b, x, n + "layer.1.layer_norm", D);
            x = b.node("Add", x, attention(b, h, past ? null : "encoder_hidden_states", n + "layer.1.EncDecAttention",
                    crossBias, cross, kv, past ? "past_key_values." + l + ".encoder" : null));
            ModelParts.encoderPresents(b, out, l, past, kv);
            x = b.node("Add", x, mlp(b, p.rmsNorm(b, x, n + "layer.2.layer_norm", D), n + "layer.2"));
        }
        x = p.rmsNorm(b, x, "decoder.final_layer_norm", D);
        x = b.node("Mul", x, b.scalar("tied_scale", (float) Math.pow(D, -0.5)));
        b.rename(b.node("MatMul", x, p.weight(b, "lm_head.weight", 0.3, D, VOCAB)), out + "logits");
    }

    private String mlp(OnnxBuilder b, String h, String n) {
        String up = b.node("Relu", parts.linear(b, h, n + ".DenseReluDense.wi", D, FFN, false));
        return parts.linear(b, up, n + ".DenseReluDense.wo", FFN, D, false);
    }

    /**
     * One T5 attention block: queries from {@code h}; keys/values projected from {@code kvSource}, or (null) read
     * from {@code pastPrefix}.key/.value as they are (the with-past cross-attention); with a self-attention
     * {@code pastPrefix} the new keys/values are appended to the past ones. {@code kv} receives the K/V tensors.
     */
    private String attention(OnnxBuilder b, String h, String kvSource, String n, String bias, List<String> softmax,
                             String[] kv, String pastPrefix) {
        return parts.attentionBlock(b, h, kvSource, n, ModelParts.Projections.T5, Float.NaN, bias, pastPrefix,
                kvSource != null && pastPrefix != null, softmax, kv);
    }

    /**
     * T5's relative position bias [1, heads, S, P + S] for the S queries at positions P .. P+S−1 ({@code past} is the
     * int64 scalar P, or null for 0) and the P + S keys: the bucket of key − query (HF's
     * {@code _relative_position_bucket}, computed in the graph as the export traces it) gathered from the table.
     */
    private String relativeBias(OnnxBuilder b, String past, String s, boolean bidirectional, String table) {
        String tag = bidirectional ? "enc_rp" : "dec_rp";
        String zero = b.longScalar(tag + "_zero", 0);
        String one = b.longScalar(tag + "_one", 1);
        String total = past == null ? s : b.node("Add", past, s);
        String queries = b.node("Range", past == null ? zero : past, total, one);
        String keys = past == null ? queries : b.node("Range", zero, total, one);
        String rp = b.node("Sub", b.node("Unsqueeze", keys, b.longs(tag + "_ax0", 0)),
                b.node("Unsqueeze", queries, b.longs(tag + "_ax1", 1)));                    // [S, P + S]: key − query
        int buckets = BUCKETS;
        String base;
        if (bidirectional) {
            buckets /= 2;
            base = b.node("Mul", b.node("Cast", List.of(b.node("Greater", rp, zero)),
                    attr("to", (long) TensorProto.DataType.INT64_VALUE)), b.longScalar(tag + "_half", buckets));
            rp = b.node("Abs", rp);
        } else {
            base = null;
            rp = b.node("Neg", b.node("Min", rp, zero));
        }
        int maxExact = buckets / 2;
        String isSmall = b.node("Less", rp, b.longScalar(tag + "_max_exact", maxExact));
        String logRatio = b.node("Log", b.node("Div", b.node("Cast", List.of(rp),
                attr("to", (long) TensorProto.DataType.FLOAT_VALUE)), b.scalar(tag + "_max_exact_f", maxExact)));
        String scaled = b.node("Mul", b.node("Div", logRatio,
                b.scalar(tag + "_log_range", (float) Math.log((double) MAX_DISTANCE / maxExact))),
                b.scalar(tag + "_span", buckets - maxExact));
        String large = b.node("Add", b.node("Cast", List.of(scaled), attr("to", (long) TensorProto.DataType.INT64_VALUE)),
                b.longScalar(tag + "_max_exact2", maxExact));
        large = b.node("Min", large, b.longScalar(tag + "_last", buckets - 1));
        String bucket = b.node("Where", isSmall, rp, large);
        if (base != null) {
            bucket = b.node("Add", base, bucket);
        }
        String values = b.node("Gather", parts.weight(b, table, 1.0, BUCKETS, HEADS), bucket);  // [S, P + S, N]
        return b.node("Unsqueeze", b.node("Transpose", List.of(values), attrs("perm", 2, 0, 1)),
                b.longs(tag + "_ax_batch", 0));                                                 // [1, N, S, P + S]
    }
}
