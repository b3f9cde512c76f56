package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.ModelProto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encoder–decoder test models ({@link BartOnnx}, {@link T5Onnx}) and the directory optimum writes for them:
 * {@code encoder_model.onnx}, {@code decoder_model.onnx} or {@code decoder_model_merged.onnx}, {@code tokenizer.json}
 * and {@code config.json} (with {@code decoder_start_token_id}).
 *
 * <p>Tokenizers: BART's is byte-level BPE with {@code <s>}=0, {@code <pad>}=1, {@code </s>}=2, {@code <unk>}=3 and
 * the template {@code <s> $A </s>}; T5's is SentencePiece-style (Metaspace, byte fallback) with {@code <pad>}=0,
 * {@code </s>}=1, {@code <unk>}=2 and the template {@code $A </s>}. BART's decoder starts with {@code </s>} (2), T5's
 * with {@code <pad>} (0), as their configs say.
 */
public final class Seq2SeqModels {

    /** The two generated families. */
    public enum Family { BART, T5 }

    /** Which decoder file a directory holds. */
    public enum DecoderFile { PLAIN, MERGED }

    /** An encoder model and its self-attention Softmax outputs (one per layer). */
    public record Encoder(ModelProto model, List<String> selfSoftmax) {
    }

    /**
     * A decoder model and its Softmax outputs per layer: causal self-attention and cross-attention (for a merged
     * model, those of the no-cache branch).
     */
    public record Decoder(ModelProto model, List<String> selfSoftmax, List<String> crossSoftmax) {
    }

    /** The file names optimum uses. */
    public static final String ENCODER_FILE = "encoder_model.onnx";
    public static final String DECODER_FILE = "decoder_model.onnx";
    public static final String MERGED_FILE = "decoder_model_merged.onnx";

    private Seq2SeqModels() {
    }

    public static Encoder encoder(Family family, long seed) {
        return family == Family.BART ? BartOnnx.encoder(seed) : T5Onnx.encoder(seed);
    }

    public static Decoder decoder(Family family, long seed) {
        return family == Family.BART ? BartOnnx.decoder(seed) : T5Onnx.decoder(seed);
    }

    /** The family's {@code decoder_model_merged.onnx} (optimum's If on use_cache_branch). */
    public static Decoder mergedDecoder(Family family, long seed) {
        return family == Family.BART ? BartOnnx.mergedDecoder(seed) : T5Onnx.mergedDecoder(seed);
    }

    /** Decoder start token id as the family's config.json gives it. */
    public static int decoderStart(Family family) {
        return family == Family.BART ? 2 : 0;
    }

    /**
     * Writes the optimum layout for {@code family} into {@code dir}: encoder, the decoder file asked for (plain or
     * merged), {@code tokenizer.json} and, when {@code config} is true, {@code config.json}.
     *
     * @return {@code dir}
     */
    public static Path writeDirectory(Path dir, Family family, long seed, DecoderFile decoder, boolean config)
            throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(ENCODER_FILE), encoder(family, seed).model().toByteArray());
        if (decoder == DecoderFile.MERGED) {
            Files.write(dir.resolve(MERGED_FILE), mergedDecoder(family, seed).model().toByteArray());
        } else {
            Files.write(dir.resolve(DECODER_FILE), decoder(family, seed).model().toByteArray());
        }
        writeTokenizer(dir.resolve("tokenizer.json"), family);
        if (config) {
            Files.writeString(dir.resolve("config.json"), config(family), StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** The family's config.json text. */
    public static String config(Family family) {
        if (family == Family.BART) {
            return "{\"model_type\":\"bart\",\"is_encoder_decoder\":true,\"d_model\":" + BartOnnx.D
                    + ",\"encoder_layers\":" + BartOnnx.ENCODER_LAYERS + ",\"decoder_layers\":" + BartOnnx.DECODER_LAYERS
                    + ",\"encoder_attention_heads\":" + BartOnnx.HEADS + ",\"decoder_attention_heads\":" + BartOnnx.HEADS
                    + ",\"max_position_embeddings\":" + BartOnnx.POSITIONS + ",\"vocab_size\":" + BartOnnx.VOCAB
                    + ",\"bos_token_id\":0,\"pad_token_id\":1,\"eos_token_id\":2,\"decoder_start_token_id\":2}";
        }
        return "{\"model_type\":\"t5\",\"is_encoder_decoder\":true,\"d_model\":" + T5Onnx.D + ",\"num_layers\":"
                + T5Onnx.ENCODER_LAYERS + ",\"num_decoder_layers\":" + T5Onnx.DECODER_LAYERS + ",\"num_heads\":"
                + T5Onnx.HEADS + ",\"relative_attention_num_buckets\":" + T5Onnx.BUCKETS
                + ",\"relative_attention_max_distance\":" + T5Onnx.MAX_DISTANCE + ",\"vocab_size\":" + T5Onnx.VOCAB
                + ",\"pad_token_id\":0,\"eos_token_id\":1,\"decoder_start_token_id\":0}";
    }

    /** Writes the family's tokenizer.json (see the class documentation). */
    public static Path writeTokenizer(Path file, Family family) throws IOException {
        Files.writeString(file, family == Family.BART ? bartTokenizer() : t5Tokenizer(), StandardCharsets.UTF_8);
        return file;
    }

    private static String bartTokenizer() {
        List<String> specials = List.of("<s>", "<pad>", "</s>", "<unk>");
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : specials) {
            vocab.put(s, vocab.size());
        }
        for (char c : BpeTokenizerJson.byteChars()) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        for (String m : BpeTokenizerJson.MERGES) {
            vocab.putIfAbsent(m.replace(" ", ""), vocab.size());
        }
        String byteLevel = "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true}";
        return json(specials, vocab, BpeTokenizerJson.MERGES, byteLevel, byteLevel,
                List.of("<s>", "$A", "</s>"), "null", false);
    }

    private static String t5Tokenizer() {
        List<String> specials = List.of("<pad>", "</s>", "<unk>");
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : specials) {
            vocab.put(s, vocab.size());
        }
        for (int b = 0; b < 256; b++) {
            vocab.put(String.format("<0x%02X>", b), vocab.size());
        }
        for (char c = '!'; c <= '~'; c++) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        vocab.put("\u2581", vocab.size());
        List<String> merges = List.of("\u2581 c", "a t", "\u2581c at", "\u2581 s", "\u2581s at");
        for (String m : merges) {
            vocab.putIfAbsent(m.replace(" ", ""), vocab.size());
        }
        String meta = "{\"type\":\"Metaspace\",\"replacement\":\"\\u2581\",\"prepend_scheme\":\"always\",\"split\":true}";
        String decoder = "{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"Replace\",\"pattern\":{\"String\":\"\\u2581\"},"
                + "\"content\":\" \"},{\"type\":\"ByteFallback\"},{\"type\":\"Fuse\"},"
                + "{\"type\":\"Strip\",\"content\":\" \",\"start\":1,\"stop\":0}]}";
        return json(specials, vocab, merges, meta, decoder, List.of("$A", "</s>"), "\"<unk>\"", true);
    }

    private static String json(List<String> specials, Map<String, Integer> vocab, List<String> merges, String pre,
                               String decoder, List<String> template, String unk, boolean byteFallback) {
        StringBuilder added = new StringBuilder();
        for (String s : specials) {
            added.append(added.length() == 0 ? "" : ",").append("{\"id\":").append(vocab.get(s))
                    .append(",\"content\":\"").append(s).append("\",\"single_word\":false,\"lstrip\":false,")
                    .append("\"rstrip\":false,\"normalized\":false,\"special\":true}");
        }
        StringBuilder single = new StringBuilder();
        StringBuilder pair = new StringBuilder();
        StringBuilder specialMap = new StringBuilder();
        for (String t : template) {
            String piece = t.equals("$A") ? "{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}"
                    : "{\"SpecialToken\":{\"id\":\"" + t + "\",\"type_id\":0}}";
            single.append(single.length() == 0 ? "" : ",").append(piece);
            pair.append(pair.length() == 0 ? "" : ",").append(piece);
            if (!t.equals("$A")) {
                specialMap.append(specialMap.length() == 0 ? "" : ",").append("\"").append(t).append("\":{\"id\":\"")
                        .append(t).append("\",\"ids\":[").append(vocab.get(t)).append("],\"tokens\":[\"").append(t)
                        .append("\"]}");
            }
        }
        pair.append(",{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}");
        StringBuilder v = new StringBuilder();
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            v.append(v.length() == 0 ? "" : ",").append(quote(e.getKey())).append(':').append(e.getValue());
        }
        List<String> quoted = new ArrayList<>();
        for (String m : merges) {
            quoted.add(quote(m));
        }
        return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[" + added + "],"
                + "\"normalizer\":null,\"pre_tokenizer\":" + pre + ","
                + "\"post_processor\":{\"type\":\"TemplateProcessing\",\"single\":[" + single + "],\"pair\":[" + pair
                + "],\"special_tokens\":{" + specialMap + "}},\"decoder\":" + decoder + ","
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":" + unk + ",\"continuing_subword_prefix\":null,"
                + "\"end_of_word_suffix\":null,\"fuse_unk\":" + byteFallback + ",\"byte_fallback\":" + byteFallback
                + ",\"vocab\":{" + v + "},\"merges\":[" + String.join(",", quoted) + "]}}";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
