package org.attnplanes.model;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;

/**
 * An 8-bit RGB image: interleaved R, G, B bytes, row-major. Immutable.
 *
 * <p>{@link #read(Path)} reads PNG and JPEG files with {@code javax.imageio} and converts them as Pillow's
 * {@code convert("RGB")} does: 8-bit grayscale is replicated into three channels, a palette is looked up, an
 * alpha channel is dropped (not composited); what was converted is kept in {@link #conversion()}. 16-bit PNGs and
 * CMYK/YCCK JPEGs are refused with one sentence, as is anything that is not a PNG or JPEG image.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] rgb;
    private final String conversion;

    private RgbImage(int width, int height, byte[] rgb, String conversion) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.conversion = conversion;
    }

    /**
     * An image from interleaved RGB bytes (copied).
     *
     * @throws IllegalArgumentException unless {@code rgb.length == width · height · 3} with positive sides
     */
    public static RgbImage of(int width, int height, byte[] rgb) {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0 || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes but width = " + width
                    + " × height = " + height + " × 3 channels needs " + ((long) width * height * 3));
        }
        return new RgbImage(width, height, rgb.clone(), "");
    }

    static RgbImage wrap(int width, int height, byte[] rgb, String conversion) {
        return new RgbImage(width, height, rgb, conversion);
    }

    /**
     * Reads a PNG or JPEG file.
     *
     * @param option the option that named the file (e.g. {@code --image}), for messages
     * @throws IllegalArgumentException one sentence naming the option, the file and what is allowed, when the
     *                                  file is missing, not a PNG/JPEG image, a 16-bit PNG or a CMYK/YCCK JPEG
     */
    public static RgbImage read(Path file, String option) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " = " + file + " does not exist; give a PNG or JPEG image");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " = " + file + " cannot be read (" + e.getMessage()
                    + "); give a readable PNG or JPEG image");
        }
        String format = format(bytes);
        if (format == null) {
            throw new IllegalArgumentException(option + " = " + file + " is not a PNG or JPEG image (its first bytes "
                    + "are neither a PNG nor a JPEG signature); give a PNG or JPEG image");
        }
        if (format.equals("jpeg")) {
            int components = jpegComponents(bytes);
            if (components == 4) {
                throw new IllegalArgumentException(option + " = " + file + " is a 4-channel (CMYK or YCCK) JPEG, "
                        + "which is not converted; save it as an RGB or grayscale JPEG or PNG");
            }
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException(option + " = " + file + " is not a readable " + format
                        + " image; give an RGB or grayscale PNG or JPEG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith(option + " = ")) {
                throw iae;
            }
            throw new IllegalArgumentException(option + " = " + file + " cannot be decoded as a "
                    + format.toUpperCase(Locale.ROOT) + " image (" + e.getMessage() + "); give an undamaged RGB or "
                    + "grayscale PNG or JPEG");
        }
        return fromBuffered(image, file, option, format);
    }

    private static RgbImage fromBuffered(BufferedImage image, Path file, String option, String format) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        for (int c = 0; c < cm.getNumComponents(); c++) {
            if (cm.getComponentSize(c) > 8) {
                throw new IllegalArgumentException(option + " = " + file + " is a " + cm.getComponentSize(c)
                        + "-bit " + format.toUpperCase(Locale.ROOT) + ", which is not converted (8 bits per channel "
                        + "are allowed); save it with 8 bits per channel");
            }
        }
        byte[] rgb = new byte[w * h * 3];
        String conversion;
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // the raw gray level, as Pillow's L → RGB does (getRGB would apply Java's linear-gray → sRGB curve)
            int shift = 8 - cm.getComponentSize(0);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int g = raster.getSample(x, y, 0);
                    if (shift > 0) {
                        g = g * 255 / ((1 << cm.getComponentSize(0)) - 1);
                    }
                    int i = (y * w + x) * 3;
                    rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte) g;
                }
            }
            conversion = "grayscale replicated to RGB" + (cm.hasAlpha() ? ", alpha dropped" : "");
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = image.getRGB(x, y);
                    int i = (y * w + x) * 3;
                    rgb[i] = (byte) (argb >> 16);
                    rgb[i + 1] = (byte) (argb >> 8);
                    rgb[i + 2] = (byte) argb;
                }
            }
            conversion = cm instanceof IndexColorModel ? "palette converted to RGB" : "";
            if (cm.hasAlpha()) {
                conversion += (conversion.isEmpty() ? "" : ", ") + "alpha dropped";
            }
        }
        return new RgbImage(w, h, rgb, conversion);
    }

    /** "png", "jpeg" or null, from the file's signature. */
    static String format(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        return null;
    }

    /** The number of colour components in a JPEG's start-of-frame header, or -1 when none is found. */
    static int jpegComponents(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return -1;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                return i + 9 < b.length ? b[i + 9] & 0xFF : -1;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return -1;
            }
            i += 2 + length;
        }
        return -1;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) of pixel (x, y), in [0, 255]. */
    public int sample(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** A copy of the interleaved RGB bytes. */
    public byte[] rgb() {
        return rgb.clone();
    }

    byte[] rgbNoCopy() {
        return rgb;
    }

    /** The pixels as packed opaque {@code 0xAARRGGBB} ints, row-major (for drawing). */
    public int[] argb() {
        int[] out = new int[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xFF000000 | (rgb[i * 3] & 0xFF) << 16 | (rgb[i * 3 + 1] & 0xFF) << 8 | (rgb[i * 3 + 2] & 0xFF);
        }
        return out;
    }

    /** What reading converted (e.g. "grayscale replicated to RGB, alpha dropped"); empty when nothing. */
    public String conversion() {
        return conversion;
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + " × " + height + (conversion.isEmpty() ? "" : ", " + conversion) + "]";
    }
}
