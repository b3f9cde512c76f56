package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-model generator: a BART-style encoder–decoder with seeded random weights (hidden 32, 4 heads of 8, 2 encoder
 * and 3 decoder layers) in the files Hugging Face optimum writes for {@code text2text-generation}:
 * <ul>
 *   <li>{@code encoder_model.onnx}: inputs {@code input_ids}, {@code attention_mask}; output
 *       {@code last_hidden_state}. Learned positions with BART's offset: {@code embed_positions} has
 *       {@link #POSITIONS} + 2 rows and is gathered at {@code Range(0, S) + 2}; {@code layernorm_embedding}; post-norm
 *       layers (self-attention, GELU MLP), queries scaled by 1/√d_head;</li>
 *   <li>{@code decoder_model.onnx}: inputs {@code input_ids}, {@code encoder_attention_mask},
 *       {@code encoder_hidden_states}; per layer causal self-attention then cross-attention (queries from the
 *       decoder, keys and values projected from {@code encoder_hidden_states}, masked by
 *       {@code encoder_attention_mask}); outputs {@code logits} and {@code present.{i}.decoder.key|value},
 *       {@code present.{i}.encoder.key|value};</li>
 *   <li>{@code decoder_model_merged.onnx}: one {@code If} (named {@code optimum::if}) on {@code use_cache_branch};
 *       the with-past branch reads {@code past_key_values.{i}.decoder.key|value} (self K/V, concatenated with the
 *       new ones) and {@code past_key_values.{i}.encoder.key|value} (the cross K/V, used as they are) and returns
 *       empty {@code [0, 4, 1, 8]} placeholders for the encoder presents, as optimum's merge does.</li>
 * </ul>
 * The Softmax output names are returned per block, so tests can expose them in a debug copy.
 */
public final class BartOnnx {

    public static final int VOCAB = ModelParts.VOCAB;
    public static final int D = ModelParts.D;
    public static final int HEADS = ModelParts.HEADS;
    public static final int DH = ModelParts.DH;
    public static final int ENCODER_LAYERS = ModelParts.ENCODER_LAYERS;
    public static final int DECODER_LAYERS = ModelParts.DECODER_LAYERS;
    public static final int FFN = ModelParts.FFN;
    /** Positions per sequence; the position tables have 2 rows more (BART's offset). */
    public static final int POSITIONS = 48;
    public static final int OFFSET = 2;

    private final ModelParts parts;

    private BartOnnx(long seed) {
        this.parts = new ModelParts(seed);
    }

    /** {@code encoder_model.onnx}. */
    public static Seq2SeqModels.Encoder encoder(long seed) {
        BartOnnx gen = new BartOnnx(seed);
        OnnxBuilder b = new OnnxBuilder("");
        b.input("input_ids", TensorProto.DataType.INT64, "batch_size", "encoder_sequence_length");
        b.input("attention_mask", TensorProto.DataType.INT64, "batch_size", "encoder_sequence_length");
        ModelParts p = gen.parts;
        String s = ModelParts.length(b, "input_ids", 1, "enc_len");
        String x = b.node("Add", b.node("Gather", p.weight(b, "model.encoder.embed_tokens.weight", 1.0, VOCAB, D),
                "input_ids"), gen.positions(b, "model.encoder.embed_positions.weight", null, s));
        x = p.layerNorm(b, x, "model.encoder.layernorm_embedding", D);
        String mask = ModelParts.paddingMask(b, "attention_mask", "enc_mask");
        List<String> softmax = new ArrayList<>();
        for (int l = 0; l < ENCODER_LAYERS; l++) {
            String n = "model.encoder.layers." + l + ".";
            String attn = gen.attention(b, x, x, n + "self_attn", mask, null, -1, softmax, null);
            x = p.layerNorm(b, b.node("Add", x, attn), n + "self_attn_layer_norm", D);
            x = p.layerNorm(b, b.node("Add", x, gen.mlp(b, x, n)), n + "final_layer_norm", D);
        }
        b.rename(x, "last_hidden_state");
        b.output("last_hidden_state", TensorProto.DataType.FLOAT, "batch_size", "encoder_sequence_length",
                Integer.toString(D));
        return new Seq2SeqModels.Encoder(OnnxBuilder.model(b.graph("main_graph"), 17, false), softmax);
    }

    /** {@code decoder_model.onnx} (no cache inputs). */
    public static Seq2SeqModels.Decoder decoder(long seed) {
        return ModelParts.plainSeq2SeqDecoder(new BartOnnx(seed)::decoderBody);
    }

    /** {@code decoder_model_merged.onnx}: If on use_cache_branch over the no-cache and with-past decoders. */
    public static Seq2SeqModels.Decoder mergedDecoder(long seed) {
        return ModelParts.mergedSeq2SeqDecoder(new BartOnnx(seed)::decoderBody);
    }

    /** The decoder's output names in optimum's order: logits, then per layer decoder/encoder key/value. */
    public static List<String> decoderOutputs() {
        return ModelParts.seq2seqDecoderOutputs();
    }

    private void decoderBody(OnnxBuilder b, boolean past, List<String> self, List<String> cross, String out) {
        ModelParts p = parts;
        String s = ModelParts.length(b, "input_ids", 1, "dec_len");
        String pastLength = past ? ModelParts.length(b, "past_key_values.0.decoder.key", 2, "past_len") : null;
        String x = b.node("Add", b.node("Gather", p.weight(b, "model.decoder.embed_tokens.weight", 1.0, VOCAB, D),
                "input_ids"), positions(b, "model.decoder.embed_positions.weight", pastLength, s));
        x = p.layerNorm(b, x, "model.decoder.layernorm_embedding", D);
        String causal = ModelParts.causalMask(b, s, pastLength);
        String encMask = ModelParts.paddingMask(b, "encoder_attention_mask", "cross_mask");
        for (int l = 0; l < DECODER_LAYERS; l++) {
            String n = "model.decoder.layers." + l + ".";
            String[] selfKv = new String[2];
            String attn = attention(b, x, x, n + "self_attn", causal, past ? "past_key_values." + l + ".decoder" : null,
                    -1, self, selfKv);
            b.rename(selfKv[0], out + "present." + l + ".decoder.key");
            b.rename(selfKv[1], out + "present." + l + ".decoder.value");
            x = p.layerNorm(b, b.node("Add", x, attn), n + "self_attn_layer_norm", D);
            String[] crossKv = new String[2];
            attn = attention(b, x, past ? null : "encoder_hidden_states", n + "encoder_attn", encMask,
                    past ? "past_key_values." + l + ".encoder" : null, l, cross, crossKv);
            ModelParts.encoderPresents(b, out, l, past, crossKv);
            x = p.layerNorm(b, b.node("Add", x, attn), n + "encoder_attn_layer_norm", D);
            x = p.layerNorm(b, b.node("Add", x, mlp(b, x, n)), n + "final_layer_norm", D);
        }
        String logits = b.node("Add", b.node("MatMul", x, p.weight(b, "lm_head.weight", 0.3, D, VOCAB)),
                p.weight(b, "final_logits_bias", 0.1, VOCAB));
        b.rename(logits, out + "logits");
    }

    /** BART's learned positions: rows {@code past .. past+S−1} + 2 of the table, [S, D] (broadcast over the batch). */
    private String positions(OnnxBuilder b, String table, String past, String s) {
        String start = past == null ? b.longScalar("pos_zero", 0) : past;
        String end = past == null ? s : b.node("Add", past, s);
        String idx = b.node("Add", b.node("Range", start, end, b.longScalar("pos_one", 1)),
                b.longScalar("pos_offset", OFFSET));
        return b.node("Gather", parts.weight(b, table, 0.5, POSITIONS + OFFSET, D), idx);
    }

    private String mlp(OnnxBuilder b, String x, String n) {
        String h = ModelParts.gelu(b, parts.linear(b, x, n + "fc1", D, FFN, true));
        return parts.linear(b, h, n + "fc2", FFN, D, true);
    }

    /**
     * One BART attention block. Queries from {@code x}; keys/values projected from {@code kvSource} (null: taken
     * from {@code pastPrefix}.key/.value as they are, the with-past cross-attention); with a self-attention
     * {@code pastPrefix}, the new keys/values are appended to the past ones. {@code kv} receives the K/V tensors
     * (the presents). Returns the output projection [B, S, D].
     */
    private String attention(OnnxBuilder b, String x, String kvSource, String n, String mask, String pastPrefix,
                             int crossLayer, List<String> softmax, String[] kv) {
        return parts.attentionBlock(b, x, kvSource, n, ModelParts.Projections.BART, (float) (1.0 / Math.sqrt(DH)), mask,
                pastPrefix, kvSource != null && pastPrefix != null && crossLayer < 0, softmax, kv);
    }
}
