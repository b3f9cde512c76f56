package org.attnplanes.model.internal;

/**
 * Resizing of interleaved 8-bit RGB images exactly as Pillow's {@code Image.resize} does it (the path Hugging
 * Face image processors take): separable convolution with the filter's support scaled by the down-scaling factor
 * (anti-aliasing), coefficients normalised per output pixel and rounded to 22-bit fixed point, a horizontal pass
 * then a vertical pass over 8-bit intermediates, each result rounded half up and clamped to [0, 255]; NEAREST is
 * Pillow's affine scaling (source index = ⌊(x + ½)·scale⌋, accumulated as Pillow accumulates it). Ported from
 * Pillow's {@code libImaging/Resample.c} and {@code Geometry.c} (HPND licence).
 */
public final class PilResize {

    /** Pillow's resampling filters, by their {@code Image.Resampling} integer codes. */
    public enum Filter {
        NEAREST(0, 0), LANCZOS(1, 3), BILINEAR(2, 1), BICUBIC(3, 2), BOX(4, 0.5), HAMMING(5, 1);

        private final int code;
        private final double support;

        Filter(int code, double support) {
            this.code = code;
            this.support = support;
        }

        /** The PIL integer code ({@code resample} in {@code preprocessor_config.json}). */
        public int code() {
            return code;
        }

        /** The filter with PIL code {@code code}, or null. */
        public static Filter ofCode(long code) {
            for (Filter f : values()) {
                if (f.code == code) {
                    return f;
                }
            }
            return null;
        }

        double weight(double x) {
            switch (this) {
                case BOX:
                    return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
                case BILINEAR:
                    x = Math.abs(x);
                    return x < 1.0 ? 1.0 - x : 0.0;
                case HAMMING:
                    x = Math.abs(x);
                    if (x == 0.0) {
                        return 1.0;
                    }
                    if (x >= 1.0) {
                        return 0.0;
                    }
                    x *= Math.PI;
                    return Math.sin(x) / x * (0.54 + 0.46 * Math.cos(x));
                case BICUBIC: {
                    double a = -0.5;
                    x = Math.abs(x);
                    if (x < 1.0) {
                        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                    }
                    if (x < 2.0) {
                        return (((x - 5) * x + 8) * x - 4) * a;
                    }
                    return 0.0;
                }
                case LANCZOS:
                    return x > -3.0 && x < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
                default:
                    throw new IllegalStateException("no convolution weight for " + this);
            }
        }

        private static double sinc(double x) {
            if (x == 0.0) {
                return 1.0;
            }
            x *= Math.PI;
            return Math.sin(x) / x;
        }
    }

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilResize() {
    }

    /**
     * Resizes {@code rgb} (interleaved R, G, B bytes, row-major, {@code width × height}) to {@code outWidth ×
     * outHeight}.
     */
    public static byte[] resize(byte[] rgb, int width, int height, int outWidth, int outHeight, Filter filter) {
        if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("cannot resize " + width + " × " + height + " (" + rgb.length
                    + " bytes) to " + outWidth + " × " + outHeight);
        }
        if (width == outWidth && height == outHeight) {
            return rgb.clone();
        }
        if (filter == Filter.NEAREST) {
            return nearest(rgb, width, height, outWidth, outHeight);
        }
        byte[] img = rgb;
        int w = width;
        if (outWidth != width) {
            img = horizontal(img, width, height, outWidth, filter);
            w = outWidth;
        }
        if (outHeight != height) {
            img = vertical(img, w, height, outHeight, filter);
        }
        return img == rgb ? rgb.clone() : img;
    }

    /** Per output pixel: first source index, count, and fixed-point weights ({@code ksize} per pixel). */
    private record Coefficients(int[] bounds, int[] kk, int ksize) {
    }

    private static Coefficients coefficients(int inSize, int outSize, Filter filter) {
        double scale = (double) inSize / outSize;
        double filterscale = Math.max(scale, 1.0);
        double support = filter.support * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        double[] prekk = new double[outSize * ksize];
        int[] bounds = new int[outSize * 2];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ww = 0.0;
            double ss = 1.0 / filterscale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            int k = xx * ksize;
            for (int x = 0; x < xmax; x++) {
                double w = filter.weight((x + xmin - center + 0.5) * ss);
                prekk[k + x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                if (ww != 0.0) {
                    prekk[k + x] /= ww;
                }
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        int[] kk = new int[prekk.length];
        for (int i = 0; i < prekk.length; i++) {
            kk[i] = prekk[i] < 0 ? (int) (-0.5 + prekk[i] * (1 << PRECISION_BITS))
                    : (int) (0.5 + prekk[i] * (1 << PRECISION_BITS));
        }
        return new Coefficients(bounds, kk, ksize);
    }

    private static byte[] horizontal(byte[] in, int width, int height, int outWidth, Filter filter) {
        Coefficients c = coefficients(width, outWidth, filter);
        byte[] out = new byte[outWidth * height * 3];
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int xx = 0; xx < outWidth; xx++) {
                int xmin = c.bounds[xx * 2];
                int xmax = c.bounds[xx * 2 + 1];
                int k = xx * c.ksize;
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < xmax; x++) {
                        ss += (in[row + (x + xmin) * 3 + ch] & 0xFF) * c.kk[k + x];
                    }
                    out[(y * outWidth + xx) * 3 + ch] = clip8(ss);
                }
            }
        }
        return out;
    }

    private static byte[] vertical(byte[] in, int width, int height, int outHeight, Filter filter) {
        Coefficients c = coefficients(height, outHeight, filter);
        byte[] out = new byte[width * outHeight * 3];
        for (int yy = 0; yy < outHeight; yy++) {
            int ymin = c.bounds[yy * 2];
            int ymax = c.bounds[yy * 2 + 1];
            int k = yy * c.ksize;
            for (int x = 0; x < width; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < ymax; y++) {
                        ss += (in[((y + ymin) * width + x) * 3 + ch] & 0xFF) * c.kk[k + y];
                    }
                    out[(yy * width + x) * 3 + ch] = clip8(ss);
                }
            }
        }
        return out;
    }

    private static byte clip8(int v) {
        int s = v >> PRECISION_BITS;
        return (byte) (s < 0 ? 0 : Math.min(s, 255));
    }

    /** Pillow's affine nearest-neighbour scaling ({@code ImagingScaleAffine}). */
    private static byte[] nearest(byte[] in, int width, int height, int outWidth, int outHeight) {
        double ax = (double) width / outWidth;
        double ay = (double) height / outHeight;
        int[] xin = new int[outWidth];
        double xo = ax * 0.5;
        for (int x = 0; x < outWidth; x++) {
            xin[x] = Math.min(coord(xo), width - 1);
            xo += ax;
        }
        byte[] out = new byte[outWidth * outHeight * 3];
        double yo = ay * 0.5;
        for (int y = 0; y < outHeight; y++) {
            int yi = Math.min(coord(yo), height - 1);
            yo += ay;
            for (int x = 0; x < outWidth; x++) {
                System.arraycopy(in, (yi * width + xin[x]) * 3, out, (y * outWidth + x) * 3, 3);
            }
        }
        return out;
    }

    private static int coord(double v) {
        return v < 0.0 ? 0 : (int) v;
    }
}
