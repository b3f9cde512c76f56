package org.attnplanes.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.ImageOverrides;
import picocli.CommandLine.Option;

/**
 * Picocli mixin overriding a vision transformer's image preprocessing (its {@code preprocessor_config.json}):
 * {@code --preprocessor-config FILE|none}, {@code --image-size}, {@code --resample}, {@code --crop-size},
 * {@code --rescale-factor}, {@code --image-mean}, {@code --image-std}, {@code --no-normalize}. Every value is
 * checked before the model loads; {@code inspect} prints each setting with where it came from.
 */
public final class ImagePreprocessOptions {

    @Option(names = "--preprocessor-config", paramLabel = "FILE|none",
            description = "Vision transformers: read this preprocessor_config.json instead of the one next to the "
                    + "model, or none: start from ViTImageProcessor's defaults (bilinear, rescale 1/255, mean = std "
                    + "= 0.5, no crop).")
    String config;

    @Option(names = "--image-size", paramLabel = "N|HxW",
            description = "Vision transformers: resize every image to N × N or H × W pixels (overrides the config's "
                    + "size).")
    String size;

    @Option(names = "--resample", paramLabel = "FILTER",
            description = "Vision transformers: the Pillow resize filter: nearest, lanczos, bilinear, bicubic, box or "
                    + "hamming (overrides the config's resample).")
    String resample;

    @Option(names = "--crop-size", paramLabel = "N|HxW|none",
            description = "Vision transformers: center-crop to N × N or H × W after the resize, or none (overrides "
                    + "the config's do_center_crop/crop_size).")
    String crop;

    @Option(names = "--rescale-factor", paramLabel = "X",
            description = "Vision transformers: multiply the 8-bit pixel values by X (e.g. 0.00392156862745098 = "
                    + "1/255; overrides the config's rescale_factor).")
    String rescale;

    @Option(names = "--image-mean", paramLabel = "R,G,B",
            description = "Vision transformers: per-channel mean subtracted when normalizing (overrides image_mean).")
    String mean;

    @Option(names = "--image-std", paramLabel = "R,G,B",
            description = "Vision transformers: per-channel std divided by when normalizing (overrides image_std).")
    String std;

    @Option(names = "--no-normalize", description = "Vision transformers: do not normalize (overrides do_normalize).")
    boolean noNormalize;

    /** Whether any of these options was given. */
    public boolean any() {
        return config != null || size != null || resample != null || crop != null || rescale != null || mean != null
                || std != null || noNormalize;
    }

    /** The first option given, for "needs a vision transformer" errors, or null. */
    String firstGiven() {
        return config != null ? "--preprocessor-config" : size != null ? "--image-size" : resample != null
                ? "--resample" : crop != null ? "--crop-size" : rescale != null ? "--rescale-factor" : mean != null
                ? "--image-mean" : std != null ? "--image-std" : noNormalize ? "--no-normalize" : null;
    }

    /**
     * The overrides these options describe.
     *
     * @throws UserInputException naming the option, its value and what is allowed
     */
    public ImageOverrides overrides() {
        ImageOverrides.Builder b = ImageOverrides.builder();
        if (config != null) {
            if (config.strip().equalsIgnoreCase("none")) {
                b.ignoreConfig();
            } else {
                Path p;
                try {
                    p = Path.of(config);
                } catch (RuntimeException e) {
                    throw UserInputException.of("--preprocessor-config", config, "is not a valid path; give a "
                            + "preprocessor_config.json file or none", e);
                }
                if (!Files.isRegularFile(p)) {
                    throw UserInputException.of("--preprocessor-config", config, "is not a file; give a "
                            + "preprocessor_config.json file or none");
                }
                try {
                    if (!new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.toFile()).isObject()) {
                        throw UserInputException.of("--preprocessor-config", config, "is not a JSON object; give a "
                                + "preprocessor_config.json file or none");
                    }
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
                    throw UserInputException.of("--preprocessor-config", config, "is not valid JSON"
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                            + "; give a preprocessor_config.json file or none", e);
                } catch (java.io.IOException e) {
                    throw UserInputException.of("--preprocessor-config", config, "cannot be read ("
                            + e.getClass().getSimpleName() + "); give a readable preprocessor_config.json or none", e);
                }
                b.config(p);
            }
        }
        if (size != null) {
            int[] hw = sides("--image-size", size, false);
            b.size(hw[0], hw[1]);
        }
        if (resample != null) {
            String r = resample.strip().toLowerCase(Locale.ROOT);
            if (!ImageOverrides.RESAMPLE_NAMES.contains(r)) {
                throw UserInputException.of("--resample", resample, "is not one of "
                        + String.join(", ", ImageOverrides.RESAMPLE_NAMES));
            }
            b.resample(r);
        }
        if (crop != null) {
            int[] hw = sides("--crop-size", crop, true);
            if (hw == null) {
                b.noCrop();
            } else {
                b.crop(hw[0], hw[1]);
            }
        }
        if (rescale != null) {
            double f = number("--rescale-factor", rescale, "a positive number, e.g. 0.00392156862745098 (1/255)");
            if (!(f > 0) || !Double.isFinite(f)) {
                throw UserInputException.of("--rescale-factor", rescale, "is not allowed; give a positive number, "
                        + "e.g. 0.00392156862745098 (1/255)");
            }
            b.rescaleFactor(f);
        }
        if (mean != null) {
            float[] v = triple("--image-mean", mean, false);
            b.mean(v[0], v[1], v[2]);
        }
        if (std != null) {
            float[] v = triple("--image-std", std, true);
            b.std(v[0], v[1], v[2]);
        }
        if (noNormalize) {
            if (mean != null || std != null) {
                throw UserInputException.about(mean != null ? "--image-mean" : "--image-std", "has no effect with "
                        + "--no-normalize; give one or the other");
            }
            b.noNormalize();
        }
        return b.build();
    }

    /**
     * Throws when options were given but the model takes text.
     *
     * @throws UserInputException naming the first option given
     */
    public void checkFits(AttentionModel model) {
        if (any() && !model.takesImages()) {
            throw UserInputException.about(firstGiven(), "needs a vision transformer (a model with a pixel_values "
                    + "input), but " + model.modelPath().getFileName() + " takes text");
        }
    }

    /** Throws when options were given to an encoder–decoder. */
    public void checkNotPair() {
        if (any()) {
            throw UserInputException.about(firstGiven(), "needs a vision transformer (a model with a pixel_values "
                    + "input), not an encoder-decoder");
        }
    }

    /** {@code N} or {@code HxW} (also {@code H×W}); {@code none} gives null when allowed. */
    private static int[] sides(String option, String value, boolean noneAllowed) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        String allowed = "give N or HxW with sides in [1, 16384]" + (noneAllowed ? ", or none" : "");
        if (noneAllowed && v.equals("none")) {
            return null;
        }
        List<String> parts = List.of(v.split("[x×]", -1));
        if (parts.size() > 2) {
            throw UserInputException.of(option, value, "is not allowed; " + allowed);
        }
        int[] hw = new int[2];
        for (int i = 0; i < 2; i++) {
            String p = parts.get(Math.min(i, parts.size() - 1)).strip();
            long n;
            try {
                n = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw UserInputException.of(option, value, "is not allowed; " + allowed);
            }
            if (n < 1 || n > 16384) {
                throw UserInputException.of(option, value, "is not allowed; " + allowed);
            }
            hw[i] = (int) n;
        }
        return hw;
    }

    private static double number(String option, String value, String allowed) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw UserInputException.of(option, value, "is not a number; give " + allowed);
        }
    }

    private static float[] triple(String option, String value, boolean positive) {
        String allowed = positive ? "three positive numbers R,G,B, e.g. 0.229,0.224,0.225"
                : "three numbers R,G,B, e.g. 0.485,0.456,0.406";
        String[] parts = value.split(",", -1);
        if (parts.length != 3) {
            throw UserInputException.of(option, value, "is not allowed; give " + allowed);
        }
        float[] v = new float[3];
        for (int i = 0; i < 3; i++) {
            double d;
            try {
                d = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw UserInputException.of(option, value, "is not allowed; give " + allowed);
            }
            v[i] = (float) d;
            if (!Float.isFinite(v[i]) || (positive && !(v[i] > 0))) {
                throw UserInputException.of(option, value, "is not allowed; give " + allowed);
            }
        }
        return v;
    }
}
