package org.attnplanes.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How each graph input of a model is fed: token ids, attention mask, token types, positions, {@code cache_position},
 * or an empty key/value cache (past length 0, so a decoder runs its first step over the whole input and its
 * attention covers every token). Shared by {@code inspect} (from the declared ports) and the runtime session.
 */
public final class InputFeeds {

    /** What goes into one input. */
    public enum Kind {
        /** Token ids {@code [batch, n]}. */
        TOKEN_IDS("the token ids"),
        /** 1 for a token, 0 for padding, {@code [batch, past + n]} with past 0. */
        ATTENTION_MASK("1 for every token, 0 for padding (past length 0)"),
        /** Token type (segment) ids. */
        TOKEN_TYPE_IDS("the token type ids (0)"),
        /** 0 … n−1 per sample. */
        POSITION_IDS("positions 0 … n−1"),
        /** 0 … n−1, one row ({@code [n]}). */
        CACHE_POSITION("cache positions 0 … n−1"),
        /** An empty past key/value tensor (past length 0). */
        EMPTY_CACHE("empty (past length 0)"),
        /** A preprocessed image {@code [batch, 3, height, width]} (vision transformers). */
        PIXEL_VALUES("the preprocessed image [batch, 3, height, width]");

        private final String how;

        Kind(String how) {
            this.how = how;
        }

        /** How the input is filled, for {@code inspect}. */
        public String how() {
            return how;
        }
    }

    /**
     * One fed input.
     *
     * @param name  the input name
     * @param kind  what is fed
     * @param dims  declared dims (-1 where dynamic), empty when the rank is not declared
     */
    public record Feed(String name, Kind kind, List<Long> dims) {

        /** The shape of the empty cache tensor for {@code batch} samples: first dynamic axis = batch, others 0. */
        public long[] emptyShape(int batch) {
            long[] shape = new long[dims.size()];
            boolean batchSeen = false;
            for (int i = 0; i < shape.length; i++) {
                long d = dims.get(i);
                if (d >= 0) {
                    shape[i] = d;
                } else if (!batchSeen) {
                    shape[i] = batch;
                    batchSeen = true;
                } else {
                    shape[i] = 0;
                }
            }
            return shape;
        }

        /** e.g. {@code past_key_values.0.key ← empty (past length 0) [1, 2, 0, 8]}. */
        public String describe() {
            String s = name + " ← " + kind.how();
            if (kind == Kind.EMPTY_CACHE) {
                StringBuilder sb = new StringBuilder(" [");
                long[] shape = emptyShape(1);
                for (int i = 0; i < shape.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(dims.get(i) < 0 && shape[i] == 1 ? "batch"
                            : Long.toString(shape[i]));
                }
                s += sb.append(']');
            }
            return s;
        }
    }

    /**
     * Key/value cache inputs as exporters name them: {@code past_key_values.0.key}, {@code past_key_values.0.decoder.value},
     * {@code past.0.key}, {@code past_0} (K and V stacked), {@code past_key.0}, {@code past_key_0}.
     */
    private static final Pattern PAST = Pattern.compile(
            "past(_key_values)?([._](key|value))?[._]\\d+([._]decoder)?([._](key|value))?");

    /** Outputs that return the key/value cache ({@code present.0.key}, {@code present_0}, …): never copied out. */
    private static final Pattern PRESENT = Pattern.compile("present(([._].*)?)");

    private InputFeeds() {
    }

    /**
     * How {@code name} is fed, or null when model-io cannot feed it.
     *
     * @param dims declared dims, -1 where dynamic
     */
    public static Feed classify(String name, List<Long> dims) {
        String n = name.toLowerCase(Locale.ROOT);
        Kind kind = switch (n) {
            case "input_ids", "decoder_input_ids" -> Kind.TOKEN_IDS;
            case "attention_mask" -> Kind.ATTENTION_MASK;
            case "token_type_ids" -> Kind.TOKEN_TYPE_IDS;
            case "position_ids" -> Kind.POSITION_IDS;
            case "cache_position" -> Kind.CACHE_POSITION;
            case "pixel_values" -> dims.size() == 4 ? Kind.PIXEL_VALUES : null;
            default -> PAST.matcher(n).matches() && cacheShapeKnown(dims) ? Kind.EMPTY_CACHE : null;
        };
        return kind == null ? null : new Feed(name, kind, List.copyOf(dims));
    }

    /** A cache tensor needs a declared rank 3–5 with at most two dynamic axes (batch and past length). */
    private static boolean cacheShapeKnown(List<Long> dims) {
        if (dims.size() < 3 || dims.size() > 5) {
            return false;
        }
        return dims.stream().filter(d -> d < 0).count() <= 2;
    }

    /** Whether {@code name} is a key/value cache output ({@code present.*}), which capture never copies out. */
    public static boolean isCacheOutput(String name) {
        return PRESENT.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether {@code name} looks like a cache input whatever its declared shape. */
    public static boolean isCacheInput(String name) {
        return PAST.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /** The one-sentence refusal for inputs that cannot be fed, or null when all can. */
    public static String refusal(String model, List<String> allInputs, List<String> unknown, boolean hasIds) {
        if (unknown.isEmpty() && hasIds) {
            return null;
        }
        if (allInputs.contains("encoder_hidden_states")) {
            return model + " is the decoder of an encoder–decoder (it reads encoder_hidden_states) and cannot run "
                    + "without its encoder; give the encoder as the model and this file as the decoder (--model "
                    + "encoder_model.onnx --decoder " + model + "), or the directory holding both (--model DIR)";
        }
        List<String> cache = new ArrayList<>();
        for (String u : unknown) {
            if (isCacheInput(u)) {
                cache.add(u);
            }
        }
        return model + " has inputs " + allInputs + " but model-io can feed only input_ids, attention_mask, "
                + "token_type_ids, position_ids, cache_position, empty key/value caches (past_key_values.N.key|value"
                + " with declared kv_heads and head_dim) or pixel_values alone" + (hasIds ? "" : " and needs input_ids"
                + " or pixel_values")
                + (unknown.isEmpty() ? "" : "; cannot feed " + unknown)
                + (cache.isEmpty() ? "" : " (declare their shapes [batch, kv_heads, past_sequence_length, head_dim]"
                + " in the export)");
    }
}
