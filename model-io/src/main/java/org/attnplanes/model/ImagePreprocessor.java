package org.attnplanes.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.attnplanes.model.internal.PilResize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How an image becomes a vision transformer's {@code pixel_values}, exactly as Hugging Face's (PIL-based)
 * {@code ViTImageProcessor} / {@code CLIPImageProcessor} do it: resize with Pillow's {@code resample} filter
 * (8-bit round trip, see {@link PilResize}), center crop (zero-padded when the image is smaller), rescale
 * ({@code x · rescale_factor} in double, stored as float), normalize ({@code (x − mean) / std} per channel in
 * float), channels first. Immutable.
 *
 * <p>Read from a {@code preprocessor_config.json} ({@link #fromJson(Path)}); keys used: {@code do_resize},
 * {@code size} ({@code {height, width}}, {@code {shortest_edge}} or a legacy integer), {@code resample},
 * {@code do_center_crop}, {@code crop_size}, {@code do_rescale}, {@code rescale_factor}, {@code do_normalize},
 * {@code image_mean}, {@code image_std}; defaults are {@code ViTImageProcessor}'s (CLIP's where
 * {@code image_processor_type} names CLIP).
 */
public final class ImagePreprocessor {

    /** The tensor fed as {@code pixel_values}: {@code [1, 3, height, width]} floats, channels first. */
    public record Pixels(int height, int width, float[] chw) {
    }

    private final String source;
    private final boolean doResize;
    private final int height;
    private final int width;
    private final int shortestEdge;
    private final PilResize.Filter resample;
    private final boolean doCenterCrop;
    private final int cropHeight;
    private final int cropWidth;
    private final boolean doRescale;
    private final double rescaleFactor;
    private final boolean doNormalize;
    private final float[] mean;
    private final float[] std;
    /** Where each setting came from, by {@link #SETTINGS} key: a file name, an option or a default. */
    private final Map<String, String> sources;

    /** The settings {@link #settings()} reports, in pipeline order. */
    static final List<String> SETTINGS = List.of("resize", "resample", "center crop", "rescale", "normalize", "mean",
            "std");

    private ImagePreprocessor(String source, boolean doResize, int height, int width, int shortestEdge,
                              PilResize.Filter resample, boolean doCenterCrop, int cropHeight, int cropWidth,
                              boolean doRescale, double rescaleFactor, boolean doNormalize, float[] mean,
                              float[] std, Map<String, String> sources) {
        this.sources = Map.copyOf(sources);
        this.source = source;
        this.doResize = doResize;
        this.height = height;
        this.width = width;
        this.shortestEdge = shortestEdge;
        this.resample = resample;
        this.doCenterCrop = doCenterCrop;
        this.cropHeight = cropHeight;
        this.cropWidth = cropWidth;
        this.doRescale = doRescale;
        this.rescaleFactor = rescaleFactor;
        this.doNormalize = doNormalize;
        this.mean = mean;
        this.std = std;
    }

    /**
     * {@code ViTImageProcessor}'s defaults resizing to {@code height × width}: bilinear, no crop, rescale 1/255,
     * normalize with mean = std = 0.5.
     */
    public static ImagePreprocessor vitDefaults(int height, int width) {
        return vitDefaults(height, width, VIT_DEFAULT);
    }

    /** As {@link #vitDefaults(int, int)}, recording where the size came from (e.g. the model's position table). */
    static ImagePreprocessor vitDefaults(int height, int width, String sizeSource) {
        checkSide("height", height);
        checkSide("width", width);
        Map<String, String> src = sources(VIT_DEFAULT);
        src.put("resize", sizeSource);
        return new ImagePreprocessor("ViTImageProcessor defaults", true, height, width, 0, PilResize.Filter.BILINEAR,
                false, 0, 0, true, 1 / 255.0, true, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f},
                src);
    }

    private static final String VIT_DEFAULT = "ViTImageProcessor default";

    private static Map<String, String> sources(String all) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : SETTINGS) {
            m.put(k, all);
        }
        return m;
    }

    /**
     * This preprocessing with {@code o}'s settings in place of its own (the config file and ignore-config
     * settings of {@code o} are not looked at here: they choose what this is).
     */
    public ImagePreprocessor with(ImageOverrides o) {
        Objects.requireNonNull(o, "overrides");
        Map<String, String> src = new LinkedHashMap<>(sources);
        boolean resize = doResize;
        int h = height;
        int w = width;
        int shortest = shortestEdge;
        if (o.height > 0) {
            resize = true;
            h = o.height;
            w = o.width;
            shortest = 0;
            src.put("resize", "--image-size");
        }
        PilResize.Filter filter = resample;
        if (o.resample != null) {
            filter = PilResize.Filter.valueOf(o.resample.toUpperCase(Locale.ROOT));
            src.put("resample", "--resample");
        }
        boolean crop = doCenterCrop;
        int ch = cropHeight;
        int cw = cropWidth;
        if (o.cropHeight > 0 || o.noCrop) {
            crop = !o.noCrop;
            ch = o.cropHeight;
            cw = o.cropWidth;
            src.put("center crop", "--crop-size");
        }
        boolean rescale = doRescale;
        double factor = rescaleFactor;
        if (o.rescaleFactor > 0) {
            rescale = true;
            factor = o.rescaleFactor;
            src.put("rescale", "--rescale-factor");
        }
        boolean normalize = doNormalize;
        float[] m = mean;
        float[] s = std;
        if (o.mean != null) {
            m = o.mean.clone();
            src.put("mean", "--image-mean");
        }
        if (o.std != null) {
            s = o.std.clone();
            src.put("std", "--image-std");
        }
        if (o.mean != null || o.std != null) {
            if (!normalize) {
                src.put("normalize", o.mean != null ? "--image-mean" : "--image-std");
            }
            normalize = true;
        }
        if (o.noNormalize) {
            normalize = false;
            src.put("normalize", "--no-normalize");
        }
        List<String> opts = o.given().stream().filter(g -> !g.equals("--preprocessor-config")).toList();
        String from = opts.isEmpty() ? source : source + ", overridden by " + String.join(", ", opts);
        return new ImagePreprocessor(from, resize, h, w, shortest, filter, crop, ch, cw, rescale, factor, normalize,
                m, s, src);
    }

    private static void checkSide(String name, int v) {
        if (v <= 0 || v > 16384) {
            throw new IllegalArgumentException(name + " = " + v + " is outside [1, 16384]");
        }
    }

    /**
     * Reads a Hugging Face {@code preprocessor_config.json}.
     *
     * @throws ModelException naming the file, the key, its value and what is allowed
     */
    public static ImagePreprocessor fromJson(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException("cannot read image preprocessor config " + file + ": " + e.getMessage(), e);
        }
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new ModelException("image preprocessor config " + file + " is not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (RuntimeException e) {
            if (e instanceof ModelException m) {
                throw m;
            }
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)")
                    .matcher(String.valueOf(e.getMessage()));
            throw new ModelException("image preprocessor config " + file + " is not valid JSON"
                    + (at.find() ? " (line " + at.group(1) + ", column " + at.group(2) + ")" : ""), e);
        }
        Reader r = new Reader(file, o);
        String type = o.has("image_processor_type") && o.get("image_processor_type").isJsonPrimitive()
                ? o.get("image_processor_type").getAsString() : "";
        boolean clip = type.toLowerCase(Locale.ROOT).contains("clip");
        boolean doResize = r.bool("do_resize", true);
        int h = 0;
        int w = 0;
        int shortest = 0;
        JsonElement size = o.get("size");
        if (size == null || size.isJsonNull()) {
            if (clip) {
                shortest = 224;
            } else {
                h = 224;
                w = 224;
            }
        } else if (size.isJsonPrimitive()) {
            int s = r.side("size", size);
            if (clip) {
                shortest = s;
            } else {
                h = s;
                w = s;
            }
        } else if (size.isJsonObject()) {
            JsonObject so = size.getAsJsonObject();
            if (so.keySet().equals(java.util.Set.of("height", "width"))) {
                h = r.side("size.height", so.get("height"));
                w = r.side("size.width", so.get("width"));
            } else if (so.keySet().equals(java.util.Set.of("shortest_edge"))) {
                shortest = r.side("size.shortest_edge", so.get("shortest_edge"));
            } else {
                throw new ModelException("image preprocessor config " + file + ": size = " + size + " is not "
                        + "supported; allowed are {\"height\", \"width\"}, {\"shortest_edge\"} or an integer");
            }
        } else {
            throw new ModelException("image preprocessor config " + file + ": size = " + size + " is not "
                    + "supported; allowed are {\"height\", \"width\"}, {\"shortest_edge\"} or an integer");
        }
        PilResize.Filter filter = PilResize.Filter.BILINEAR;
        if (clip) {
            filter = PilResize.Filter.BICUBIC;
        }
        if (o.has("resample") && !o.get("resample").isJsonNull()) {
            long code = r.integer("resample", o.get("resample"));
            filter = PilResize.Filter.ofCode(code);
            if (filter == null) {
                throw new ModelException("image preprocessor config " + file + ": resample = " + code + " is not a "
                        + "PIL filter; allowed are 0 (nearest), 1 (Lanczos), 2 (bilinear), 3 (bicubic), 4 (box), "
                        + "5 (Hamming)");
            }
        }
        boolean crop = r.bool("do_center_crop", clip);
        int ch = 0;
        int cw = 0;
        if (crop) {
            JsonElement cs = o.get("crop_size");
            if (cs == null || cs.isJsonNull()) {
                ch = 224;
                cw = 224;
            } else if (cs.isJsonPrimitive()) {
                ch = r.side("crop_size", cs);
                cw = ch;
            } else if (cs.isJsonObject() && cs.getAsJsonObject().keySet().equals(java.util.Set.of("height", "width"))) {
                ch = r.side("crop_size.height", cs.getAsJsonObject().get("height"));
                cw = r.side("crop_size.width", cs.getAsJsonObject().get("width"));
            } else {
                throw new ModelException("image preprocessor config " + file + ": crop_size = " + cs + " is not "
                        + "supported; allowed are {\"height\", \"width\"} or an integer");
            }
        }
        boolean doRescale = r.bool("do_rescale", true);
        double factor = o.has("rescale_factor") ? r.number("rescale_factor", o.get("rescale_factor")) : 1 / 255.0;
        boolean doNormalize = r.bool("do_normalize", true);
        float[] mean = clip ? new float[] {0.48145466f, 0.4578275f, 0.40821073f} : new float[] {0.5f, 0.5f, 0.5f};
        float[] std = clip ? new float[] {0.26862954f, 0.26130258f, 0.27577711f} : new float[] {0.5f, 0.5f, 0.5f};
        if (o.has("image_mean")) {
            mean = r.triple("image_mean", o.get("image_mean"), false);
        }
        if (o.has("image_std")) {
            std = r.triple("image_std", o.get("image_std"), true);
        }
        String name = file.getFileName().toString();
        Map<String, String> src = sources(clip ? "CLIPImageProcessor default" : VIT_DEFAULT);
        String[][] keys = {{"resize", "do_resize", "size"}, {"resample", "resample"},
            {"center crop", "do_center_crop", "crop_size"}, {"rescale", "do_rescale", "rescale_factor"},
            {"normalize", "do_normalize"}, {"mean", "image_mean"}, {"std", "image_std"}};
        for (String[] k : keys) {
            for (int i = 1; i < k.length; i++) {
                if (o.has(k[i]) && !o.get(k[i]).isJsonNull()) {
                    src.put(k[0], name);
                }
            }
        }
        return new ImagePreprocessor(name, doResize, h, w, shortest, filter, crop, ch, cw,
                doRescale, factor, doNormalize, mean, std, src);
    }

    /** Typed reads of config keys with one-sentence errors. */
    private record Reader(Path file, JsonObject o) {

        boolean bool(String key, boolean dflt) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                return dflt;
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                return e.getAsBoolean();
            }
            throw bad(key, e, "true or false");
        }

        int side(String key, JsonElement e) {
            long v = integer(key, e);
            if (v < 1 || v > 16384) {
                throw bad(key, e, "an integer in [1, 16384]");
            }
            return (int) v;
        }

        long integer(String key, JsonElement e) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                double d = e.getAsDouble();
                if (d == Math.rint(d) && Math.abs(d) < 1e9) {
                    return (long) d;
                }
            }
            throw bad(key, e, "an integer");
        }

        double number(String key, JsonElement e) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                double d = e.getAsDouble();
                if (Double.isFinite(d) && d > 0) {
                    return d;
                }
            }
            throw bad(key, e, "a positive number");
        }

        float[] triple(String key, JsonElement e, boolean positive) {
            if (e.isJsonArray() && e.getAsJsonArray().size() == 3) {
                float[] v = new float[3];
                for (int i = 0; i < 3; i++) {
                    JsonElement x = e.getAsJsonArray().get(i);
                    if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                        throw bad(key, e, "three numbers (R, G, B)");
                    }
                    v[i] = x.getAsFloat();
                    if (!Float.isFinite(v[i]) || (positive && v[i] <= 0)) {
                        throw bad(key, e, positive ? "three positive numbers (R, G, B)" : "three finite numbers");
                    }
                }
                return v;
            }
            throw bad(key, e, "three numbers (R, G, B)");
        }

        ModelException bad(String key, JsonElement e, String allowed) {
            return new ModelException("image preprocessor config " + file + ": " + key + " = " + e + " is not allowed;"
                    + " expected " + allowed);
        }
    }

    /**
     * The height of the tensor this preprocessing produces for any image, or -1 when it depends on the image
     * (a {@code shortest_edge} resize without a crop, or no resize and no crop).
     */
    public int outputHeight() {
        return doCenterCrop ? cropHeight : doResize && height > 0 ? height : -1;
    }

    /** The width of the tensor for any image, or -1 when it depends on the image (see {@link #outputHeight()}). */
    public int outputWidth() {
        return doCenterCrop ? cropWidth : doResize && width > 0 ? width : -1;
    }

    /** The image after resize and crop (8-bit), as the model sees it before rescaling. */
    public RgbImage resizedAndCropped(RgbImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgbNoCopy();
        if (doResize) {
            int nh = height;
            int nw = width;
            if (shortestEdge > 0) {
                int shortSide = Math.min(w, h);
                int longSide = Math.max(w, h);
                int newShort = shortestEdge;
                int newLong = (int) ((double) shortestEdge * longSide / shortSide);
                nh = w <= h ? newLong : newShort;
                nw = w <= h ? newShort : newLong;
            }
            rgb = PilResize.resize(rgb, w, h, nw, nh, resample);
            w = nw;
            h = nh;
        }
        if (doCenterCrop) {
            rgb = centerCrop(rgb, w, h, cropWidth, cropHeight);
            w = cropWidth;
            h = cropHeight;
        }
        return RgbImage.wrap(w, h, rgb == image.rgbNoCopy() ? rgb.clone() : rgb, image.conversion());
    }

    /** Hugging Face's {@code center_crop}: top = (h − ch) // 2, left = (w − cw) // 2, zero padding when smaller. */
    static byte[] centerCrop(byte[] rgb, int w, int h, int cw, int ch) {
        int newH = Math.max(ch, h);
        int newW = Math.max(cw, w);
        int topPad = (int) Math.ceil((newH - h) / 2.0);
        int leftPad = (int) Math.ceil((newW - w) / 2.0);
        int top = Math.floorDiv(newH - ch, 2);
        int left = Math.floorDiv(newW - cw, 2);
        byte[] out = new byte[cw * ch * 3];
        for (int y = 0; y < ch; y++) {
            int sy = y + top - topPad;
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < cw; x++) {
                int sx = x + left - leftPad;
                if (sx >= 0 && sx < w) {
                    System.arraycopy(rgb, (sy * w + sx) * 3, out, (y * cw + x) * 3, 3);
                }
            }
        }
        return out;
    }

    /** Resize, crop, rescale, normalize, channels first. */
    public Pixels preprocess(RgbImage image) {
        RgbImage r = resizedAndCropped(image);
        int w = r.width();
        int h = r.height();
        byte[] rgb = r.rgbNoCopy();
        float[] chw = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < h * w; i++) {
                int v = rgb[i * 3 + c] & 0xFF;
                float x = doRescale ? (float) (v * rescaleFactor) : (float) v;
                if (doNormalize) {
                    x = (x - mean[c]) / std[c];
                }
                chw[c * h * w + i] = x;
            }
        }
        return new Pixels(h, w, chw);
    }

    /** Where the settings came from: the config file's name or "ViTImageProcessor defaults". */
    public String source() {
        return source;
    }

    /** The steps, e.g. {@code resize to 224 × 224 (bilinear) → rescale × 0.00392157 → normalize mean [...] std [...]}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (doResize) {
            sb.append(shortestEdge > 0 ? "resize shortest edge to " + shortestEdge
                    : "resize to " + height + " × " + width).append(" (")
                    .append(resample.name().toLowerCase(Locale.ROOT)).append(", Pillow)");
        }
        if (doCenterCrop) {
            sb.append(sb.length() > 0 ? " → " : "").append("center crop ").append(cropHeight).append(" × ")
                    .append(cropWidth);
        }
        if (doRescale) {
            sb.append(sb.length() > 0 ? " → " : "").append("rescale × ")
                    .append(String.format(Locale.ROOT, "%.8g", rescaleFactor));
        }
        if (doNormalize) {
            sb.append(sb.length() > 0 ? " → " : "").append("normalize mean ").append(Arrays.toString(mean))
                    .append(" std ").append(Arrays.toString(std));
        }
        sb.append(sb.length() > 0 ? " → " : "").append("channels first [1, 3, H, W]");
        return sb + " (from " + source + ")";
    }

    /**
     * Every setting with its value and where it came from, one line each, in pipeline order, e.g.
     * {@code resize: 224 × 224 (from --image-size)}; for {@code inspect}.
     */
    public List<String> settings() {
        List<String> out = new ArrayList<>();
        String f = String.format(Locale.ROOT, "%.8g", rescaleFactor);
        String[] values = {
            !doResize ? "no" : shortestEdge > 0 ? "shortest edge to " + shortestEdge : height + " × " + width,
            doResize ? resample.name().toLowerCase(Locale.ROOT) + " (Pillow)" : "not used (no resize)",
            doCenterCrop ? cropHeight + " × " + cropWidth : "no",
            doRescale ? "× " + f : "no",
            doNormalize ? "yes" : "no",
            doNormalize ? Arrays.toString(mean) : "not used (no normalize)",
            doNormalize ? Arrays.toString(std) : "not used (no normalize)"};
        for (int i = 0; i < SETTINGS.size(); i++) {
            out.add(SETTINGS.get(i) + ": " + values[i] + " (from " + sources.get(SETTINGS.get(i)) + ")");
        }
        return List.copyOf(out);
    }

    /** Where the output size came from: the source of the crop when cropping, else of the resize. */
    String sizeSource() {
        return sources.get(doCenterCrop ? "center crop" : "resize");
    }

    @Override
    public String toString() {
        return "ImagePreprocessor[" + describe() + "]";
    }
}
