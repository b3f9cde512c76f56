package org.attnplanes.app.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.graph.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an {@link AttentionTrace} to a file, atomically, in a format chosen by the extension:
 *
 * <ul>
 *   <li>{@code .json}: {@code {"provenance": {...}, "text": "...", "layers": L, "heads": H, "tokens": [{"text",
 *       "start", "end", "special", "word"}...], "attention": [L][H][n][n], "value_norms": [L][H][n]}}
 *       (value_norms only when captured); streamed, for small inputs.</li>
 *   <li>{@code .npz}: a NumPy archive ({@code numpy.load}) of {@code attention} float32 {@code [L, H, n, n]},
 *       {@code tokens} unicode {@code [n]}, {@code offsets} int32 {@code [n, 2]} (-1 for no span),
 *       {@code special} bool {@code [n]}, {@code word_index} int32 {@code [n]}, {@code value_norms} float32
 *       {@code [L, H, n]} when captured, and {@code provenance}, a 0-d unicode array holding a JSON object.</li>
 * </ul>
 */
public final class TraceFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceFiles() {
    }

    /**
     * Writes {@code trace} to {@code target}.
     *
     * @throws UserInputException when the extension is neither {@code .json} nor {@code .npz}
     */
    public static void write(AttentionTrace trace, Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            AtomicFiles.write(target, out -> writeJson(trace, out));
        } else if (name.endsWith(".npz")) {
            AtomicFiles.write(target, out -> writeNpz(trace, out));
        } else {
            throw new UserInputException("--out " + target + " has an unknown extension; use .json or .npz");
        }
    }

    static void writeJson(AttentionTrace t, OutputStream raw) throws IOException {
        try (JsonGenerator g = new JsonFactory(MAPPER).createGenerator(raw, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectField("provenance", t.provenance().toMap());
            g.writeStringField("text", t.text());
            g.writeNumberField("layers", t.layers());
            g.writeNumberField("heads", t.heads());
            g.writeArrayFieldStart("tokens");
            for (Token k : t.tokens()) {
                g.writeStartObject();
                g.writeStringField("text", k.text());
                g.writeNumberField("start", k.start());
                g.writeNumberField("end", k.end());
                g.writeBooleanField("special", k.special());
                g.writeNumberField("word", k.wordIndex());
                g.writeEndObject();
            }
            g.writeEndArray();
            int n = t.tokenCount();
            g.writeArrayFieldStart("attention");
            for (int l = 0; l < t.layers(); l++) {
                g.writeStartArray();
                for (int h = 0; h < t.heads(); h++) {
                    AttentionMatrix m = t.attention(l, h);
                    g.writeStartArray();
                    for (int i = 0; i < n; i++) {
                        g.writeStartArray();
                        for (int j = 0; j < n; j++) {
                            g.writeNumber(m.weight(i, j));
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            if (t.valueNorms().isPresent()) {
                ValueNorms v = t.valueNorms().get();
                g.writeArrayFieldStart("value_norms");
                for (int l = 0; l < v.layers(); l++) {
                    g.writeStartArray();
                    for (int h = 0; h < v.heads(); h++) {
                        g.writeStartArray();
                        for (int j = 0; j < v.tokens(); j++) {
                            g.writeNumber(v.norm(l, h, j));
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }

    static void writeNpz(AttentionTrace t, OutputStream raw) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(raw);
        int n = t.tokenCount();
        int layers = t.layers();
        int heads = t.heads();
        // attention: one plane at a time, so the whole array is never copied at once
        zip.putNextEntry(new ZipEntry("attention.npy"));
        zip.write(npyHeader("<f4", layers, heads, n, n));
        ByteBuffer plane = ByteBuffer.allocate(n * n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                plane.clear();
                AttentionMatrix m = t.attention(l, h);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        plane.putFloat(m.weight(i, j));
                    }
                }
                zip.write(plane.array(), 0, plane.position());
            }
        }
        zip.closeEntry();
        List<Token> tokens = t.tokens();
        String[] texts = new String[n];
        int[] offsets = new int[2 * n];
        byte[] special = new byte[n];
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            Token k = tokens.get(i);
            texts[i] = k.text();
            offsets[2 * i] = k.start();
            offsets[2 * i + 1] = k.end();
            special[i] = (byte) (k.special() ? 1 : 0);
            words[i] = k.wordIndex();
        }
        entry(zip, "tokens.npy", unicodeArray(texts, new long[] {n}));
        entry(zip, "offsets.npy", int32Array(offsets, n, 2));
        entry(zip, "special.npy", concat(npyHeader("|b1", n), special));
        entry(zip, "word_index.npy", int32Array(words, n));
        if (t.valueNorms().isPresent()) {
            ValueNorms v = t.valueNorms().get();
            ByteBuffer b = ByteBuffer.allocate(layers * heads * n * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    for (int j = 0; j < n; j++) {
                        b.putFloat(v.norm(l, h, j));
                    }
                }
            }
            entry(zip, "value_norms.npy", concat(npyHeader("<f4", layers, heads, n), b.array()));
        }
        String provenance = MAPPER.writeValueAsString(t.provenance().toMap());
        entry(zip, "provenance.npy", unicodeArray(new String[] {provenance}, new long[0]));
        zip.finish();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] int32Array(int[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return concat(npyHeader("<i4", shape), b.array());
    }

    /** NumPy unicode ({@code <U}) array: each string as fixed-width UTF-32LE code points. */
    private static byte[] unicodeArray(String[] values, long[] shape) {
        int width = 1;
        for (String s : values) {
            width = Math.max(width, s.codePointCount(0, s.length()));
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * width * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (String s : values) {
            int count = 0;
            for (int cp : s.codePoints().toArray()) {
                b.putInt(cp);
                count++;
            }
            for (; count < width; count++) {
                b.putInt(0);
            }
        }
        return concat(npyHeader("<U" + width, shape), b.array());
    }

    /** A version-1.0 .npy header, padded so the data starts at a multiple of 64 bytes. */
    static byte[] npyHeader(String descr, long... shape) {
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

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
