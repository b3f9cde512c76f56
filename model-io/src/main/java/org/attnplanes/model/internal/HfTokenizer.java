package org.attnplanes.model.internal;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import org.attnplanes.graph.Token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} loaded through DJL's native tokenizers binding, configured never to
 * truncate or pad by itself (the file's own truncation and padding settings are ignored; model-io decides).
 * Also reads the vocabulary from the JSON so that ids map back to token strings and the vocabulary size is
 * known. Owns a native handle: {@link #close()} it (idempotent).
 */
public final class HfTokenizer implements AutoCloseable {

    /** One encoded text: ids, token-type ids and the tokens with offsets, special flags and word indices. */
    public record Encoded(long[] ids, long[] typeIds, List<Token> tokens) {
        /** Number of tokens. */
        public int length() {
            return ids.length;
        }
    }

    /** How the tokenizer's pieces spell text, read from its {@code decoder} (and pre-tokenizer) types. */
    enum Style {
        /** WordPiece and plain vocabularies: labels are the pieces ({@code ##} kept for word merging). */
        PLAIN,
        /** Byte-level BPE (GPT-2, RoBERTa, Llama-3, Qwen): every byte is one character ({@code Ġ} = space). */
        BYTE_LEVEL,
        /** SentencePiece (Metaspace, Llama-2, T5): {@code ▁} = space, {@code <0xNN>} byte fallback. */
        METASPACE
    }

    private final Path file;
    private final Style style;
    private final HuggingFaceTokenizer tokenizer;
    private final String[] idToToken;
    private final boolean[] specialIds;
    private final int vocabularySize;
    private final long padId;
    private HuggingFaceTokenizer truncating;
    private int truncatingLength = -1;
    private boolean closed;

    private HfTokenizer(Path file, Style style, HuggingFaceTokenizer tokenizer, String[] idToToken,
                        boolean[] specialIds, long padId) {
        this.file = file;
        this.style = style;
        this.tokenizer = tokenizer;
        this.idToToken = idToToken;
        this.specialIds = specialIds;
        this.vocabularySize = idToToken.length;
        this.padId = padId;
    }

    /**
     * Loads {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it is missing or not a tokenizer.json
     */
    public static HfTokenizer load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("tokenizer file " + file + (Files.isDirectory(file)
                    ? " is a directory; expected a tokenizer.json file" : " does not exist"));
        }
        List<String> tokens = new ArrayList<>();
        List<Boolean> special = new ArrayList<>();
        java.util.Set<String> types = new java.util.HashSet<>();
        long padId;
        try (JsonReader r = new JsonReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            r.setLenient(true);
            padId = readVocabulary(r, tokens, special, types);
            if (padId == NO_MODEL) {
                throw new IllegalArgumentException("tokenizer file " + file
                        + " is not a Hugging Face tokenizer.json (no \"model\" object)");
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            // "Input length = 1" said nothing: a binary file (often the .onnx model itself) given as --tokenizer
            throw new IllegalArgumentException("tokenizer file " + file + " is not a tokenizer.json: it is not UTF-8"
                    + " text (binary data" + (file.toString().endsWith(".onnx") ? ", an ONNX model" : "") + ")", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("tokenizer file")) {
                throw iae;
            }
            throw new IllegalArgumentException("tokenizer file " + file + " is not a readable tokenizer.json: "
                    + e.getMessage(), e);
        }
        checkNumbers(file);
        HuggingFaceTokenizer t;
        try {
            t = HuggingFaceTokenizer.builder().optTokenizerPath(file).optTruncation(false).optPadding(false)
                    .optAddSpecialTokens(true).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("tokenizer file " + file + " cannot be loaded: " + e.getMessage(), e);
        }
        boolean[] sp = new boolean[special.size()];
        for (int i = 0; i < sp.length; i++) {
            sp[i] = special.get(i);
        }
        Style style = types.contains("ByteLevel") ? Style.BYTE_LEVEL
                : types.contains("Metaspace") || types.contains("ByteFallback") ? Style.METASPACE : Style.PLAIN;
        return new HfTokenizer(file, style, t, tokens.toArray(new String[0]), sp, padId);
    }

    /**
     * Refuses a number that no double can hold (e.g. {@code 1e999}) or that JSON does not allow ({@code NaN},
     * {@code Infinity}) anywhere in the file, before the native tokenizer sees it: in some places (a decoder's
     * fields) such a number made the Rust library abort the whole JVM ("failed to initiate panic"; found by
     * fuzzing).
     */
    private static void checkNumbers(Path file) {
        try (JsonReader r = new JsonReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            r.setLenient(true);
            int depth = 0;
            do {
                JsonToken t = r.peek();
                switch (t) {
                    case BEGIN_OBJECT -> { r.beginObject(); depth++; }
                    case END_OBJECT -> { r.endObject(); depth--; }
                    case BEGIN_ARRAY -> { r.beginArray(); depth++; }
                    case END_ARRAY -> { r.endArray(); depth--; }
                    case NAME -> r.nextName();
                    case NUMBER -> {
                        String path = r.getPath();
                        String v = r.nextString();
                        double d;
                        try {
                            d = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            d = Double.NaN;
                        }
                        if (!Double.isFinite(d)) {
                            throw new IllegalArgumentException("tokenizer file " + file + " is not a valid"
                                    + " tokenizer.json: the number " + v + " at " + path + " is out of range");
                        }
                    }
                    case END_DOCUMENT -> depth = 0;
                    default -> r.skipValue();
                }
            } while (depth > 0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("tokenizer file")) {
                throw iae;
            }
            throw new IllegalArgumentException("tokenizer file " + file + " is not a readable tokenizer.json: "
                    + e.getMessage(), e);
        }
    }

    /** Returned by {@link #readVocabulary} for a file without a {@code "model"} object. */
    private static final long NO_MODEL = Long.MIN_VALUE;

    /**
     * Streams through a tokenizer.json (no tree is built: the vocabulary has tens of thousands of entries) and
     * fills id → token and the special flags from {@code model.vocab} (WordPiece/BPE object or Unigram array)
     * and {@code added_tokens} (applied after the vocabulary, wherever they appear in the file).
     *
     * @return the padding id ({@code padding.pad_id}, else 0), or {@link #NO_MODEL}
     */
    private static long readVocabulary(JsonReader r, List<String> tokens, List<Boolean> special,
                                       java.util.Set<String> types) throws IOException {
        if (r.peek() != JsonToken.BEGIN_OBJECT) {
            return NO_MODEL;
        }
        boolean model = false;
        long padId = 0;
        List<Object[]> added = new ArrayList<>();
        r.beginObject();
        while (r.hasNext()) {
            String name = r.nextName();
            if (name.equals("model") && r.peek() == JsonToken.BEGIN_OBJECT) {
                model = true;
                r.beginObject();
                while (r.hasNext()) {
                    if (r.nextName().equals("vocab")) {
                        readModelVocabulary(r, tokens, special);
                    } else {
                        r.skipValue();
                    }
                }
                r.endObject();
            } else if (name.equals("added_tokens") && r.peek() == JsonToken.BEGIN_ARRAY) {
                r.beginArray();
                while (r.hasNext()) {
                    int id = -1;
                    String content = null;
                    boolean isSpecial = false;
                    r.beginObject();
                    while (r.hasNext()) {
                        switch (r.nextName()) {
                            case "id" -> id = r.nextInt();
                            case "content" -> content = r.nextString();
                            case "special" -> isSpecial = r.nextBoolean();
                            default -> r.skipValue();
                        }
                    }
                    r.endObject();
                    added.add(new Object[] {id, content, isSpecial});
                }
                r.endArray();
            } else if (name.equals("decoder") || name.equals("pre_tokenizer")) {
                collectTypes(r, types);
            } else if (name.equals("padding") && r.peek() == JsonToken.BEGIN_OBJECT) {
                r.beginObject();
                while (r.hasNext()) {
                    if (r.nextName().equals("pad_id")) {
                        padId = r.nextLong();
                    } else {
                        r.skipValue();
                    }
                }
                r.endObject();
            } else {
                r.skipValue();
            }
        }
        r.endObject();
        for (Object[] a : added) {
            put(tokens, special, (Integer) a[0], (String) a[1], (Boolean) a[2]);
        }
        return model ? padId : NO_MODEL;
    }

    /** Every {@code "type"} string anywhere inside the next value (a decoder may be a Sequence of decoders). */
    private static void collectTypes(JsonReader r, java.util.Set<String> types) throws IOException {
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                r.beginObject();
                while (r.hasNext()) {
                    String key = r.nextName();
                    if (key.equals("type") && r.peek() == JsonToken.STRING) {
                        types.add(r.nextString());
                    } else {
                        collectTypes(r, types);
                    }
                }
                r.endObject();
            }
            case BEGIN_ARRAY -> {
                r.beginArray();
                while (r.hasNext()) {
                    collectTypes(r, types);
                }
                r.endArray();
            }
            default -> r.skipValue();
        }
    }

    private static void readModelVocabulary(JsonReader r, List<String> tokens, List<Boolean> special)
            throws IOException {
        if (r.peek() == JsonToken.BEGIN_OBJECT) {                  // WordPiece, BPE: {"piece": id, ...}
            r.beginObject();
            while (r.hasNext()) {
                String piece = r.nextName();
                put(tokens, special, r.nextInt(), piece, false);
            }
            r.endObject();
        } else if (r.peek() == JsonToken.BEGIN_ARRAY) {            // Unigram: [[piece, score], ...]
            r.beginArray();
            int i = 0;
            while (r.hasNext()) {
                r.beginArray();
                put(tokens, special, i++, r.nextString(), false);
                while (r.hasNext()) {
                    r.skipValue();
                }
                r.endArray();
            }
            r.endArray();
        } else {
            r.skipValue();
        }
    }

    private static void put(List<String> tokens, List<Boolean> special, int id, String text, boolean isSpecial) {
        while (tokens.size() <= id) {
            tokens.add(null);
            special.add(false);
        }
        tokens.set(id, text);
        special.set(id, isSpecial || special.get(id));
    }

    /** The tokenizer file. */
    public Path file() {
        return file;
    }

    /** Number of token ids the tokenizer can produce (largest id + 1). */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The id used for padding (the file's {@code padding.pad_id}, else 0). */
    public long padId() {
        return padId;
    }

    /** Encodes {@code text} with special tokens and without truncation. */
    public Encoded encode(String text) {
        return convert(text, encodeWith(tokenizer, text));
    }

    /**
     * Runs the native tokenizer; its failures on a text (e.g. a Unigram model without {@code unk_id} meeting a
     * character outside its vocabulary) are bad input of that text, not a crash.
     */
    private Encoding encodeWith(HuggingFaceTokenizer t, String text) {
        try {
            return t.encode(text);
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("unk_id")) {
                throw new IllegalArgumentException("tokenizer file " + file.getFileName() + " cannot encode the "
                        + "text: it contains a character outside the vocabulary and the file's Unigram model has no "
                        + "\"unk_id\" to map it to (add \"unk_id\": <id of the unknown piece> to its \"model\")", e);
            }
            throw new IllegalArgumentException("tokenizer file " + file.getFileName() + " cannot encode the text: "
                    + m.strip(), e);
        }
    }

    /** Encodes {@code text} truncated to at most {@code maxLength} tokens, special tokens included. */
    public synchronized Encoded encodeTruncated(String text, int maxLength) {
        if (truncating == null || truncatingLength != maxLength) {
            if (truncating != null) {
                truncating.close();
            }
            try {
                HuggingFaceTokenizer.Builder b = HuggingFaceTokenizer.builder();
                // DJL caps maxLength at its option modelMaxLength, 512 unless set: an explicit --max-tokens 2048
                // would otherwise truncate at 512
                b.configure(Map.of("modelMaxLength", Integer.toString(maxLength)));
                truncating = b.optTokenizerPath(file).optTruncation(true)
                        .optMaxLength(maxLength).optPadding(false).optAddSpecialTokens(true).build();
            } catch (IOException e) {
                throw new IllegalArgumentException("tokenizer file " + file + " cannot be loaded: " + e.getMessage(), e);
            }
            truncatingLength = maxLength;
        }
        return convert(text, encodeWith(truncating, text));
    }

    /**
     * Tokens for ids given directly: readable labels, no character spans; a word starts at a special token, after
     * one, at a piece that starts with a space marker ({@code Ġ}, {@code ▁}) or, for WordPiece, at a piece without
     * {@code ##}.
     */
    public List<Token> tokensOf(int[] ids) {
        List<Token> out = new ArrayList<>(ids.length);
        int word = -1;
        boolean previousSpecial = true;
        for (int id : ids) {
            String text = id >= 0 && id < idToToken.length && idToToken[id] != null ? idToToken[id] : "[" + id + "]";
            boolean special = id >= 0 && id < specialIds.length && specialIds[id];
            boolean starts = switch (style) {
                case BYTE_LEVEL -> text.startsWith("Ġ") || text.startsWith("Ċ");
                case METASPACE -> text.startsWith("▁");
                case PLAIN -> !text.startsWith("##");
            };
            if (special || previousSpecial || starts) {
                word++;
            }
            previousSpecial = special;
            out.add(new Token(special ? text : label(text), -1, -1, special, word, text, id));
        }
        return out;
    }

    /** Byte of each byte-level character (GPT-2's bytes_to_unicode table, inverted); -1 for other characters. */
    private static final int[] BYTE_OF_CHAR = byteLevelTable();

    private static int[] byteLevelTable() {
        int[] table = new int[512];
        java.util.Arrays.fill(table, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[printable ? b : 256 + extra++] = b;
        }
        return table;
    }

    /** The readable label of a vocabulary piece: decoded to text, trimmed, whitespace-only shown as ␣ / ↵ / ⇥. */
    String label(String piece) {
        String text = switch (style) {
            case BYTE_LEVEL -> {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                for (int i = 0; i < piece.length(); i++) {
                    char c = piece.charAt(i);
                    int b = c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
                    if (b < 0) {
                        yield piece;                                     // an added token stored raw
                    }
                    bytes.write(b);
                }
                yield bytes.toString(StandardCharsets.UTF_8);            // a split character becomes U+FFFD
            }
            case METASPACE -> piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">")
                    ? byteFallback(piece) : piece.replace('▁', ' ');
            case PLAIN -> piece;
        };
        String stripped = text.strip();
        if (!stripped.isEmpty() || text.isEmpty()) {
            return stripped;
        }
        return text.contains("\n") ? "↵" : text.contains("\t") ? "⇥" : "␣";
    }

    private static String byteFallback(String piece) {
        try {
            int b = Integer.parseInt(piece.substring(3, 5), 16);
            return b < 0x80 ? String.valueOf((char) b) : "\uFFFD";
        } catch (NumberFormatException e) {
            return piece;
        }
    }

    private Encoded convert(String text, Encoding e) {
        long[] ids = e.getIds();
        String[] texts = e.getTokens();
        long[] words = e.getWordIds();
        long[] specialMask = e.getSpecialTokenMask();
        CharSpan[] spans = e.getCharTokenSpans();
        List<Token> tokens = new ArrayList<>(ids.length);
        // the native tokenizer counts code points; Java strings index UTF-16 units
        int codePoints = text.codePointCount(0, text.length());
        int[] charIndex = null;
        if (codePoints != text.length()) {
            charIndex = new int[codePoints + 1];
            for (int cp = 0, c = 0; cp <= codePoints; cp++) {
                charIndex[cp] = c;
                if (c < text.length()) {
                    c += Character.charCount(text.codePointAt(c));
                }
            }
        }
        int word = -1;
        long previousWord = Long.MIN_VALUE;
        for (int i = 0; i < ids.length; i++) {
            boolean special = specialMask[i] != 0;
            if (special || words[i] < 0 || words[i] != previousWord) {
                word++;
            }
            previousWord = special ? Long.MIN_VALUE : words[i];
            int start = -1;
            int end = -1;
            CharSpan span = spans == null || i >= spans.length ? null : spans[i];
            if (!special && span != null && span.getEnd() > span.getStart()) {
                start = Math.min(span.getStart(), codePoints);
                end = Math.min(span.getEnd(), codePoints);
                if (charIndex != null) {
                    start = charIndex[start];
                    end = charIndex[end];
                }
            }
            String label = special ? texts[i] : label(texts[i]);
            if (label.indexOf('\uFFFD') >= 0 && start >= 0 && !text.substring(start, end).isBlank()) {
                label = text.substring(start, end).strip();    // a character split over byte-level pieces
            }
            tokens.add(new Token(label, start, end, special, word, texts[i], (int) ids[i]));
        }
        return new Encoded(ids, e.getTypeIds() == null ? new long[ids.length] : e.getTypeIds(), tokens);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        tokenizer.close();
        if (truncating != null) {
            truncating.close();
        }
    }

    @Override
    public String toString() {
        return "HfTokenizer[" + file.getFileName() + ", " + vocabularySize + " ids]";
    }
}
