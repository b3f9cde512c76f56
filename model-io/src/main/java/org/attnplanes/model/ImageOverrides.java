package org.attnplanes.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings that override (or replace) a vision transformer's {@code preprocessor_config.json}. Each setting
 * left unset keeps the config's value (or the image processor's default); each set one wins and is reported as
 * coming from the command-line option of the same name ({@link ImagePreprocessor#settings()}). Immutable; build
 * with {@link #builder()}.
 *
 * <pre>{@code
 * ImageOverrides o = ImageOverrides.builder().size(224, 224).resample("bicubic").noNormalize().build();
 * CaptureOptions c = CaptureOptions.builder().imageOverrides(o).build();
 * }</pre>
 *
 * <p>Settings and their options: {@code --preprocessor-config FILE|none} (another config file, or none: start
 * from {@code ViTImageProcessor}'s defaults), {@code --image-size} (resize to height × width), {@code --resample}
 * (Pillow filter), {@code --crop-size} (center crop, or none), {@code --rescale-factor}, {@code --image-mean},
 * {@code --image-std}, {@code --no-normalize}.
 */
public final class ImageOverrides {

    /** Pillow filter names accepted by {@link Builder#resample(String)}, in PIL code order. */
    public static final List<String> RESAMPLE_NAMES = List.of("nearest", "lanczos", "bilinear", "bicubic", "box",
            "hamming");

    private static final ImageOverrides NONE = builder().build();

    final Path config;
    final boolean ignoreConfig;
    final int height;
    final int width;
    final String resample;
    final int cropHeight;
    final int cropWidth;
    final boolean noCrop;
    final double rescaleFactor;
    final float[] mean;
    final float[] std;
    final boolean noNormalize;

    private ImageOverrides(Builder b) {
        this.config = b.config;
        this.ignoreConfig = b.ignoreConfig;
        this.height = b.height;
        this.width = b.width;
        this.resample = b.resample;
        this.cropHeight = b.cropHeight;
        this.cropWidth = b.cropWidth;
        this.noCrop = b.noCrop;
        this.rescaleFactor = b.rescaleFactor;
        this.mean = b.mean;
        this.std = b.std;
        this.noNormalize = b.noNormalize;
    }

    /** No overrides: the config next to the model (or the defaults) as it is. */
    public static ImageOverrides none() {
        return NONE;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether nothing is set. */
    public boolean isEmpty() {
        return given().isEmpty();
    }

    /** The options that are set, e.g. {@code [--image-size, --no-normalize]}, in the order of the class doc. */
    public List<String> given() {
        List<String> out = new ArrayList<>();
        if (config != null || ignoreConfig) {
            out.add("--preprocessor-config");
        }
        if (height > 0) {
            out.add("--image-size");
        }
        if (resample != null) {
            out.add("--resample");
        }
        if (cropHeight > 0 || noCrop) {
            out.add("--crop-size");
        }
        if (rescaleFactor > 0) {
            out.add("--rescale-factor");
        }
        if (mean != null) {
            out.add("--image-mean");
        }
        if (std != null) {
            out.add("--image-std");
        }
        if (noNormalize) {
            out.add("--no-normalize");
        }
        return List.copyOf(out);
    }

    /** The preprocessing config to read instead of the one next to the model (empty: that one). */
    public java.util.Optional<Path> config() {
        return java.util.Optional.ofNullable(config);
    }

    /** Whether no config is read at all (start from {@code ViTImageProcessor}'s defaults). */
    public boolean ignoreConfig() {
        return ignoreConfig;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageOverrides x && Objects.equals(x.config, config) && x.ignoreConfig == ignoreConfig
                && x.height == height && x.width == width && Objects.equals(x.resample, resample)
                && x.cropHeight == cropHeight && x.cropWidth == cropWidth && x.noCrop == noCrop
                && Double.compare(x.rescaleFactor, rescaleFactor) == 0 && Arrays.equals(x.mean, mean)
                && Arrays.equals(x.std, std) && x.noNormalize == noNormalize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, ignoreConfig, height, width, resample, cropHeight, cropWidth, noCrop,
                rescaleFactor, Arrays.hashCode(mean), Arrays.hashCode(std), noNormalize);
    }

    @Override
    public String toString() {
        return "ImageOverrides" + given();
    }

    /** Builder for {@link ImageOverrides}; every setter checks its value. Not thread-safe. */
    public static final class Builder {
        private Path config;
        private boolean ignoreConfig;
        private int height;
        private int width;
        private String resample;
        private int cropHeight;
        private int cropWidth;
        private boolean noCrop;
        private double rescaleFactor;
        private float[] mean;
        private float[] std;
        private boolean noNormalize;

        private Builder() {
        }

        /** Reads this {@code preprocessor_config.json} instead of the one next to the model. */
        public Builder config(Path file) {
            this.config = Objects.requireNonNull(file, "file");
            this.ignoreConfig = false;
            return this;
        }

        /** Reads no config: every setting not given here is {@code ViTImageProcessor}'s default. */
        public Builder ignoreConfig() {
            this.config = null;
            this.ignoreConfig = true;
            return this;
        }

        /**
         * Resizes every image to exactly {@code height × width}.
         *
         * @throws IllegalArgumentException unless both are in [1, 16384]
         */
        public Builder size(int height, int width) {
            side("height", height);
            side("width", width);
            this.height = height;
            this.width = width;
            return this;
        }

        /**
         * The Pillow resampling filter, by name ({@link #RESAMPLE_NAMES}, case-insensitive).
         *
         * @throws IllegalArgumentException for another name
         */
        public Builder resample(String name) {
            String n = Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT);
            if (!RESAMPLE_NAMES.contains(n)) {
                throw new IllegalArgumentException("resample = " + name + " is not a Pillow filter; allowed are "
                        + String.join(", ", RESAMPLE_NAMES));
            }
            this.resample = n;
            return this;
        }

        /**
         * Center-crops to {@code height × width} after the resize.
         *
         * @throws IllegalArgumentException unless both are in [1, 16384]
         */
        public Builder crop(int height, int width) {
            side("crop height", height);
            side("crop width", width);
            this.cropHeight = height;
            this.cropWidth = width;
            this.noCrop = false;
            return this;
        }

        /** No center crop, whatever the config says. */
        public Builder noCrop() {
            this.cropHeight = 0;
            this.cropWidth = 0;
            this.noCrop = true;
            return this;
        }

        /**
         * Multiplies the 8-bit values by {@code factor} (and turns rescaling on).
         *
         * @throws IllegalArgumentException unless finite and positive
         */
        public Builder rescaleFactor(double factor) {
            if (!(factor > 0) || !Double.isFinite(factor)) {
                throw new IllegalArgumentException("rescale factor = " + factor + " must be a positive finite number");
            }
            this.rescaleFactor = factor;
            return this;
        }

        /**
         * The per-channel mean subtracted when normalizing (R, G, B).
         *
         * @throws IllegalArgumentException unless three finite numbers
         */
        public Builder mean(float r, float g, float b) {
            float[] v = {r, g, b};
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("image mean = " + Arrays.toString(v)
                            + " must be three finite numbers (R, G, B)");
                }
            }
            this.mean = v;
            return this;
        }

        /**
         * The per-channel standard deviation divided by when normalizing (R, G, B).
         *
         * @throws IllegalArgumentException unless three positive finite numbers
         */
        public Builder std(float r, float g, float b) {
            float[] v = {r, g, b};
            for (float x : v) {
                if (!(x > 0) || !Float.isFinite(x)) {
                    throw new IllegalArgumentException("image std = " + Arrays.toString(v)
                            + " must be three positive finite numbers (R, G, B)");
                }
            }
            this.std = v;
            return this;
        }

        /** No normalization, whatever the config says. */
        public Builder noNormalize() {
            this.noNormalize = true;
            return this;
        }

        /**
         * The overrides.
         *
         * @throws IllegalArgumentException when a mean or std is given together with {@link #noNormalize()}
         */
        public ImageOverrides build() {
            if (noNormalize && (mean != null || std != null)) {
                throw new IllegalArgumentException("an image " + (mean != null ? "mean" : "std") + " has no effect "
                        + "without normalization; give the mean and std, or no normalization, not both");
            }
            return new ImageOverrides(this);
        }

        private static void side(String name, int v) {
            if (v < 1 || v > 16384) {
                throw new IllegalArgumentException(name + " = " + v + " is outside [1, 16384]");
            }
        }
    }
}
