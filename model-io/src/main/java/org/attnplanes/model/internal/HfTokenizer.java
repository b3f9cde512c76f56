package org.attnplanes.model.internal;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.attnplanes.graph.Token;

import java.io.IOException;
import java.io.Reader;
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

    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final String[] idToToken;
    private final boolean[] specialIds;
    private final int vocabularySize;
    private final long padId;
    private HuggingFaceTokenizer truncating;
    private int truncatingLength = -1;
    private boolean closed;

    private HfTokenizer(Path file, HuggingFaceTokenizer tokenizer, String[] idToToken, boolean[] specialIds,
                        long padId) {
        this.file = file;
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
        JsonObject root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement e = JsonParser.parseReader(r);
            if (!e.isJsonObject() || !e.getAsJsonObject().has("model")) {
                throw new IllegalArgumentException("tokenizer file " + file
                        + " is not a Hugging Face tokenizer.json (no \"model\" object)");
            }
            root = e.getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("tokenizer file")) {
                throw iae;
            }
            throw new IllegalArgumentException("tokenizer file " + file + " is not a readable tokenizer.json: "
                    + e.getMessage(), e);
        }
        List<String> tokens = new ArrayList<>();
        List<Boolean> special = new ArrayList<>();
        JsonElement vocab = root.getAsJsonObject("model").get("vocab");
        if (vocab != null && vocab.isJsonObject()) {
            for (Map.Entry<String, JsonElement> en : vocab.getAsJsonObject().entrySet()) {
                put(tokens, special, en.getValue().getAsInt(), en.getKey(), false);
            }
        } else if (vocab != null && vocab.isJsonArray()) {           // Unigram: [[piece, score], ...]
            int i = 0;
            for (JsonElement piece : vocab.getAsJsonArray()) {
                put(tokens, special, i++, piece.getAsJsonArray().get(0).getAsString(), false);
            }
        }
        JsonElement added = root.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement a : added.getAsJsonArray()) {
                JsonObject o = a.getAsJsonObject();
                put(tokens, special, o.get("id").getAsInt(), o.get("content").getAsString(),
                        o.has("special") && o.get("special").getAsBoolean());
            }
        }
        long padId = 0;
        JsonElement padding = root.get("padding");
        if (padding != null && padding.isJsonObject() && padding.getAsJsonObject().has("pad_id")) {
            padId = padding.getAsJsonObject().get("pad_id").getAsLong();
        }
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
        return new HfTokenizer(file, t, tokens.toArray(new String[0]), sp, padId);
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
        return convert(text, tokenizer.encode(text));
    }

    /** Encodes {@code text} truncated to at most {@code maxLength} tokens, special tokens included. */
    public synchronized Encoded encodeTruncated(String text, int maxLength) {
        if (truncating == null || truncatingLength != maxLength) {
            if (truncating != null) {
                truncating.close();
            }
            try {
                truncating = HuggingFaceTokenizer.builder().optTokenizerPath(file).optTruncation(true)
                        .optMaxLength(maxLength).optPadding(false).optAddSpecialTokens(true).build();
            } catch (IOException e) {
                throw new IllegalArgumentException("tokenizer file " + file + " cannot be loaded: " + e.getMessage(), e);
            }
            truncatingLength = maxLength;
        }
        return convert(text, truncating.encode(text));
    }

    /** Tokens for ids given directly: the vocabulary's spelling, no character spans, WordPiece "##" joins words. */
    public List<Token> tokensOf(int[] ids) {
        List<Token> out = new ArrayList<>(ids.length);
        int word = -1;
        boolean previousSpecial = true;
        for (int id : ids) {
            String text = id >= 0 && id < idToToken.length && idToToken[id] != null ? idToToken[id] : "[" + id + "]";
            boolean special = id >= 0 && id < specialIds.length && specialIds[id];
            if (special || previousSpecial || !text.startsWith("##")) {
                word++;
            }
            previousSpecial = special;
            out.add(new Token(text, -1, -1, special, word));
        }
        return out;
    }

    private static Encoded convert(String text, Encoding e) {
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
            tokens.add(new Token(texts[i], start, end, special, word));
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
