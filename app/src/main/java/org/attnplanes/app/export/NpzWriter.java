package org.attnplanes.app.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.attnplanes.graph.io.AtomicFiles;

/**
 * Collects float32 arrays and writes them as a NumPy {@code .npz} archive ({@code numpy.load(path)}),
 * atomically. Arrays are stored uncompressed in NPY format 1.0, little-endian ({@code <f4}), C order.
 * Not thread-safe.
 */
public final class NpzWriter {

    private record Entry(String name, int[] shape, float[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Adds an array.
     *
     * @param name  array name (letters, digits, underscore)
     * @param shape dimensions; their product must equal {@code data.length}
     * @param data  values in C order (not copied: do not modify afterwards)
     */
    public NpzWriter add(String name, int[] shape, float[] data) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("npz array name \"" + name + "\" must be an identifier");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("npz array " + name + ": shape " + java.util.Arrays.toString(shape)
                    + " holds " + count + " values but data has " + data.length);
        }
        entries.add(new Entry(name, shape.clone(), data));
        return this;
    }

    /** Writes the archive atomically. */
    public void write(Path target) {
        AtomicFiles.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(0);
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name() + ".npy"));
                writeNpy(zip, e.shape(), e.data());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    static void writeNpy(OutputStream out, int[] shape, float[] data) throws IOException {
        StringBuilder s = new StringBuilder("(");
        for (int d : shape) {
            s.append(d).append(',');
            if (shape.length > 1) {
                s.append(' ');
            }
        }
        String shapeText = shape.length > 1 ? s.toString().strip().replaceAll(",$", "") + ")" : s + ")";
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        byte[] hb = header.getBytes(StandardCharsets.US_ASCII);
        h.write(hb.length & 0xFF);
        h.write((hb.length >> 8) & 0xFF);
        h.write(hb);
        out.write(h.toByteArray());
        ByteBuffer buf = ByteBuffer.allocate(Math.min(data.length, 1 << 16) * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length; i++) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(data[i]);
        }
        out.write(buf.array(), 0, buf.position());
    }

}
