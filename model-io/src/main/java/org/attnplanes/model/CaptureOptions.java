package org.attnplanes.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link AttentionModel} is opened and how it captures. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * CaptureOptions o = CaptureOptions.builder().threads(2).maxTokens(256).truncate(true).build();
 * try (AttentionModel m = AttentionModel.open(Path.of("model.onnx"), o)) { ... }
 * }</pre>
 *
 * <p>Defaults: tokenizer found next to the model, ONNX Runtime's default thread count, the model's own token
 * limit (its position table), over-long input is an error, value norms not captured.
 */
public final class CaptureOptions {

    private final Path tokenizer;
    private final int threads;
    private final int maxTokens;
    private final boolean truncate;
    private final boolean valueNorms;
    private final long maxMemory;
    private final ModelStore store;
    private final ImageOverrides imageOverrides;

    private CaptureOptions(Builder b) {
        this.imageOverrides = b.imageOverrides;
        this.store = b.store;
        this.tokenizer = b.tokenizer;
        this.threads = b.threads;
        this.maxTokens = b.maxTokens;
        this.truncate = b.truncate;
        this.valueNorms = b.valueNorms;
        this.maxMemory = b.maxMemory;
    }

    /** The default options (the store is {@link ModelStore#userDefault()} as of this call). */
    public static CaptureOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tokenizer = tokenizer;
        b.threads = threads;
        b.maxTokens = maxTokens;
        b.truncate = truncate;
        b.valueNorms = valueNorms;
        b.maxMemory = maxMemory;
        b.store = store;
        b.imageOverrides = imageOverrides;
        return b;
    }

    /** Where fingerprints, split models and ONNX Runtime's libraries are kept ({@link ModelStore}). */
    public ModelStore store() {
        return store;
    }

    /** The tokenizer.json given explicitly; empty means "look next to the model". */
    public Optional<Path> tokenizer() {
        return Optional.ofNullable(tokenizer);
    }

    /** Overrides of a vision transformer's image preprocessing ({@link ImageOverrides#none()} by default). */
    public ImageOverrides imageOverrides() {
        return imageOverrides;
    }

    /** ONNX Runtime intra-op threads; 0 means ONNX Runtime's default (one per physical core). */
    public int threads() {
        return threads;
    }

    /** Largest number of tokens per input (special tokens included); 0 means the model's own limit. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Whether over-long input is truncated (true) or rejected with an error (false, the default). */
    public boolean truncate() {
        return truncate;
    }

    /** Whether the norms ‖v_j‖ of the per-head value vectors are captured too. */
    public boolean valueNorms() {
        return valueNorms;
    }

    /**
     * The memory budget in bytes for the attention one capture holds on the heap; 0 means the default, a quarter
     * of the JVM's maximum heap ({@link #effectiveMaxMemory()}). {@link AttentionModel#layerPasses} splits the
     * layers into groups that fit it.
     */
    public long maxMemory() {
        return maxMemory;
    }

    /** {@link #maxMemory()}, or a quarter of {@code Runtime.maxMemory()} when it is 0. */
    public long effectiveMaxMemory() {
        return maxMemory > 0 ? maxMemory : Runtime.getRuntime().maxMemory() / 4;
    }

    @Override
    public String toString() {
        return "CaptureOptions[tokenizer=" + tokenizer + ", threads=" + threads + ", maxTokens=" + maxTokens
                + ", truncate=" + truncate + ", valueNorms=" + valueNorms + ", maxMemory=" + maxMemory + ", store="
                + store + (imageOverrides.isEmpty() ? "" : ", image=" + imageOverrides) + "]";
    }

    /** Builder for {@link CaptureOptions}; not thread-safe. */
    public static final class Builder {
        private Path tokenizer;
        private int threads;
        private int maxTokens;
        private boolean truncate;
        private boolean valueNorms;
        private long maxMemory;
        private ModelStore store = ModelStore.userDefault();
        private ImageOverrides imageOverrides = ImageOverrides.none();

        private Builder() {
        }

        /** Overrides of a vision transformer's preprocessing config; ignored by text models' capture. */
        public Builder imageOverrides(ImageOverrides overrides) {
            this.imageOverrides = java.util.Objects.requireNonNull(overrides, "overrides");
            return this;
        }

        /** Where fingerprints and split models are kept; {@link ModelStore#disabled()} keeps nothing. */
        public Builder store(ModelStore store) {
            this.store = java.util.Objects.requireNonNull(store, "store");
            return this;
        }

        /** Uses this tokenizer.json instead of looking next to the model; null restores the default. */
        public Builder tokenizer(Path tokenizerJson) {
            this.tokenizer = tokenizerJson;
            return this;
        }

        /**
         * ONNX Runtime intra-op threads.
         *
         * @throws IllegalArgumentException unless {@code 0 <= threads <= 1024}
         */
        public Builder threads(int threads) {
            if (threads < 0 || threads > 1024) {
                throw new IllegalArgumentException("threads = " + threads
                        + " must be in [0, 1024] (0 = ONNX Runtime's default)");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Largest number of tokens per input.
         *
         * @throws IllegalArgumentException if {@code maxTokens} is negative or 1 (0 = the model's limit)
         */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 0 || maxTokens == 1) {
                throw new IllegalArgumentException("maxTokens = " + maxTokens
                        + " must be 0 (the model's limit) or >= 2");
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Truncate over-long input instead of failing. */
        public Builder truncate(boolean truncate) {
            this.truncate = truncate;
            return this;
        }

        /** Capture the per-head value-vector norms as well. */
        public Builder valueNorms(boolean valueNorms) {
            this.valueNorms = valueNorms;
            return this;
        }

        /**
         * The memory budget for captured attention, in bytes (0 = a quarter of the maximum heap).
         *
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder maxMemory(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxMemory = " + bytes + " must be >= 0 (0 = a quarter of the heap)");
            }
            this.maxMemory = bytes;
            return this;
        }

        /** The options. */
        public CaptureOptions build() {
            return new CaptureOptions(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaptureOptions c && Objects.equals(c.tokenizer, tokenizer) && c.threads == threads
                && c.maxTokens == maxTokens && c.truncate == truncate && c.valueNorms == valueNorms
                && c.maxMemory == maxMemory && c.store.equals(store) && c.imageOverrides.equals(imageOverrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokenizer, threads, maxTokens, truncate, valueNorms, maxMemory, store, imageOverrides);
    }
}
