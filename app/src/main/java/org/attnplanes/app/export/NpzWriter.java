package org.attnplanes.app.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.attnplanes.graph.io.AtomicFiles;

/**
 * Collects arrays and writes them as a NumPy {@code .npz} archive ({@code numpy.load(path)}), atomically: the
 * one {@code .npz} writer of the app ({@code capture --out trace.npz}, {@code analyze --save-matrices}).
 * Arrays are stored uncompressed in NPY format 1.0, little-endian, C order, as float32 ({@code <f4}),
 * int32 ({@code <i4}), bool ({@code |b1}) or fixed-width unicode ({@code <U}); a shape of length 0 is a 0-d
 * array. Large float arrays can be added as chunks produced while the archive is written, so they are never
 * held twice. Not thread-safe.
 *
 * <pre>{@code
 * new NpzWriter().add("planes", new int[] {2, 3, 4}, values).addText("tokens", new int[] {2}, List.of("a", "b"))
 *         .write(Path.of("out.npz"));
 * }</pre>
 */
public final class NpzWriter {

    /** Writes an array's data (after its header) to the archive. */
    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private record Entry(String name, String descr, int[] shape, Body body) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An empty archive. */
    public NpzWriter() {
    }

    /**
     * Adds a float32 array.
     *
     * @param name  array name (letters, digits, underscore; not starting with a digit), unique in the archive
     * @param shape dimensions, each ≥ 0; their product must equal {@code data.length}
     * @param data  values in C order (not copied: do not modify before {@link #write})
     */
    public NpzWriter add(String name, int[] shape, float[] data) {
        Objects.requireNonNull(data, "data");
        checkCount(name, shape, data.length);
        return put(name, "<f4", shape, out -> writeFloats(out, data, 0, data.length));
    }

    /**
     * Adds a float32 array whose values are produced in {@code chunks} consecutive pieces, in C order, while
     * the archive is written (e.g. one attention plane at a time); only one piece is held at once.
     *
     * @param chunk called once per index in {@code [0, chunks)}, in order; the pieces' lengths must add up to
     *              the product of {@code shape}, else {@link #write} fails and leaves no file
     */
    public NpzWriter addFloatChunks(String name, int[] shape, int chunks, IntFunction<float[]> chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (chunks < 0) {
            throw new IllegalArgumentException("npz array " + name + ": chunks = " + chunks + " must be >= 0");
        }
        long count = checkCount(name, shape, -1);
        return put(name, "<f4", shape, out -> {
            long written = 0;
            for (int c = 0; c < chunks; c++) {
                float[] piece = chunk.apply(c);
                written += piece.length;
                if (written > count) {
                    break;
                }
                writeFloats(out, piece, 0, piece.length);
            }
            if (written != count) {
                throw new IllegalStateException("npz array " + name + ": shape " + Arrays.toString(shape) + " holds "
                        + count + " values but its " + chunks + " chunks gave " + (written > count ? "more" : written));
            }
        });
    }

    /** Adds an int32 array (see {@link #add(String, int[], float[])} for name and shape). */
    public NpzWriter addInt(String name, int[] shape, int[] data) {
        Objects.requireNonNull(data, "data");
        checkCount(name, shape, data.length);
        return put(name, "<i4", shape, out -> {
            ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : data) {
                b.putInt(v);
            }
            out.write(b.array());
        });
    }

    /** Adds a bool array (see {@link #add(String, int[], float[])} for name and shape). */
    public NpzWriter addBool(String name, int[] shape, boolean[] data) {
        Objects.requireNonNull(data, "data");
        checkCount(name, shape, data.length);
        byte[] bytes = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            bytes[i] = (byte) (data[i] ? 1 : 0);
        }
        return put(name, "|b1", shape, out -> out.write(bytes));
    }

    /**
     * Adds a unicode array ({@code <U}w, w the longest string in code points, at least 1); an empty shape
     * makes a 0-d array of one string, e.g. a JSON document ({@code str(z[name])} reads it back).
     *
     * @param data strings in C order, none null
     */
    public NpzWriter addText(String name, int[] shape, List<String> data) {
        List<String> values = List.copyOf(data);
        checkCount(name, shape, values.size());
        int width = 1;
        for (String s : values) {
            width = Math.max(width, s.codePointCount(0, s.length()));
        }
        int w = width;
        return put(name, "<U" + w, shape, out -> {
            ByteBuffer b = ByteBuffer.allocate(values.size() * w * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (String s : values) {
                int count = 0;
                for (int cp : s.codePoints().toArray()) {
                    b.putInt(cp);
                    count++;
                }
                for (; count < w; count++) {
                    b.putInt(0);
                }
            }
            out.write(b.array());
        });
    }

    /** Writes the archive atomically (an exception while writing leaves no file). */
    public void write(Path target) {
        AtomicFiles.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(0);
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name() + ".npy"));
                zip.write(npyHeader(e.descr(), e.shape()));
                e.body().write(zip);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    private NpzWriter put(String name, String descr, int[] shape, Body body) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                throw new IllegalArgumentException("npz array name \"" + name + "\" is already in the archive");
            }
        }
        entries.add(new Entry(name, descr, shape.clone(), body));
        return this;
    }

    /** Checks name and shape; returns the shape's product, which must equal {@code length} unless it is -1. */
    private static long checkCount(String name, int[] shape, long length) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("npz array name \"" + name + "\" must be an identifier");
        }
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("npz array " + name + ": shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            count *= d;
        }
        if (length >= 0 && count != length) {
            throw new IllegalArgumentException("npz array " + name + ": shape " + Arrays.toString(shape)
                    + " holds " + count + " values but data has " + length);
        }
        return count;
    }

    private static void writeFloats(OutputStream out, float[] data, int from, int to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.max(1, Math.min(to - from, 1 << 16)) * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(data[i]);
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** A version-1.0 .npy header, padded so the data starts at a multiple of 64 bytes. */
    static byte[] npyHeader(String descr, int... shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
