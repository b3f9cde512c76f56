package org.attnplanes.testmodels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: writes a small byte-level BPE {@code tokenizer.json} in the layout of GPT-2's (ByteLevel
 * pre-tokenizer and decoder, BPE model over the 256 byte characters plus a few merges) with
 * {@code <|endoftext|>} as a special added token, put before every input by a TemplateProcessing post-processor
 * (as Llama/Qwen tokenizers add their BOS).
 */
public final class BpeTokenizerJson {

    public static final String EOT = "<|endoftext|>";

    /** Merges, in priority order; each adds one vocabulary entry. */
    public static final List<String> MERGES = List.of("Ġ t", "h e", "Ġt he", "Ġ c", "a t", "Ġc at", "Ġ s", "Ġs at", "T he",
            "Ġ o", "Ġo n");

    private BpeTokenizerJson() {
    }

    /** GPT-2's byte → character table. */
    public static char[] byteChars() {
        char[] out = new char[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out[b] = (char) (printable ? b : 256 + extra++);
        }
        return out;
    }

    /** The vocabulary: byte characters in byte order, then the merge results; the special token comes last. */
    public static Map<String, Integer> vocabulary() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (char c : byteChars()) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        for (String m : MERGES) {
            vocab.putIfAbsent(m.replace(" ", ""), vocab.size());
        }
        return vocab;
    }

    public static int eotId() {
        return vocabulary().size();
    }

    public static Path write(Path file) throws IOException {
        StringBuilder v = new StringBuilder();
        for (Map.Entry<String, Integer> e : vocabulary().entrySet()) {
            v.append(v.length() == 0 ? "" : ",").append(quote(e.getKey())).append(':').append(e.getValue());
        }
        List<String> merges = new ArrayList<>();
        for (String m : MERGES) {
            merges.add(quote(m));
        }
        int eot = eotId();
        String byteLevel = "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true}";
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,"
                + "\"added_tokens\":[{\"id\":" + eot + ",\"content\":\"" + EOT + "\",\"single_word\":false,"
                + "\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],"
                + "\"normalizer\":null,\"pre_tokenizer\":" + byteLevel + ","
                + "\"post_processor\":{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"" + EOT + "\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}],"
                + "\"pair\":[{\"SpecialToken\":{\"id\":\"" + EOT + "\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},"
                + "{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],"
                + "\"special_tokens\":{\"" + EOT + "\":{\"id\":\"" + EOT + "\",\"ids\":[" + eot + "],\"tokens\":[\"" + EOT + "\"]}}},"
                + "\"decoder\":" + byteLevel + ","
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,"
                + "\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,"
                + "\"vocab\":{" + v + "},\"merges\":[" + String.join(",", merges) + "]}}";
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * A SentencePiece-style (Llama-2) BPE tokenizer.json: Metaspace pre-tokenizer ({@code ▁} for spaces, prepended
     * to the first word), byte fallback for characters outside the vocabulary ({@code <0x0A>} for a newline),
     * {@code <s>} added before every input; vocabulary = {@code <unk>}, {@code <s>}, 256 byte pieces, printable
     * ASCII, {@code ▁} and the merges of {@code ▁cat}, {@code ▁sat}.
     */
    public static Path writeMetaspace(Path file) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put("<unk>", 0);
        vocab.put("<s>", 1);
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
        StringBuilder v = new StringBuilder();
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            v.append(v.length() == 0 ? "" : ",").append(quote(e.getKey())).append(':').append(e.getValue());
        }
        List<String> quoted = new ArrayList<>();
        for (String m : merges) {
            quoted.add(quote(m));
        }
        String meta = "{\"type\":\"Metaspace\",\"replacement\":\"\\u2581\",\"prepend_scheme\":\"first\",\"split\":false}";
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,"
                + "\"added_tokens\":[{\"id\":0,\"content\":\"<unk>\",\"single_word\":false,\"lstrip\":false,"
                + "\"rstrip\":false,\"normalized\":false,\"special\":true},{\"id\":1,\"content\":\"<s>\","
                + "\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],"
                + "\"normalizer\":null,\"pre_tokenizer\":" + meta + ","
                + "\"post_processor\":{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"<s>\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}],"
                + "\"pair\":[{\"SpecialToken\":{\"id\":\"<s>\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},"
                + "{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],"
                + "\"special_tokens\":{\"<s>\":{\"id\":\"<s>\",\"ids\":[1],\"tokens\":[\"<s>\"]}}},"
                + "\"decoder\":{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"Replace\",\"pattern\":{\"String\":\"\\u2581\"},"
                + "\"content\":\" \"},{\"type\":\"ByteFallback\"},{\"type\":\"Fuse\"},"
                + "{\"type\":\"Strip\",\"content\":\" \",\"start\":1,\"stop\":0}]},"
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":\"<unk>\",\"continuing_subword_prefix\":null,"
                + "\"end_of_word_suffix\":null,\"fuse_unk\":true,\"byte_fallback\":true,"
                + "\"vocab\":{" + v + "},\"merges\":[" + String.join(",", quoted) + "]}}";
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
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
