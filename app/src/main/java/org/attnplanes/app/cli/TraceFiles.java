package org.attnplanes.app.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.NpzWriter;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.graph.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes an {@link AttentionTrace} to a file, atomically, in a format chosen by the extension:
 *
 * <ul>
 *   <li>{@code .json}: {@code {"provenance": {...}, "text": "...", "layers": L, "heads": H, "tokens": [{"text",
 *       "piece", "id", "start", "end", "special", "word"}...], "attention": [L][H][n][n], "value_norms": [L][H][n]}}
 *       (value_norms only when captured); streamed, for small inputs.</li>
 *   <li>{@code .npz}: a NumPy archive ({@code numpy.load}) of {@code attention} float32 {@code [L, H, n, n]},
 *       {@code tokens} unicode {@code [n]} (readable labels), {@code pieces} unicode {@code [n]} (the vocabulary entries
 *       as the tokenizer stores them, e.g. {@code Ġcat}), {@code offsets} int32 {@code [n, 2]} (-1 for no span),
 *       {@code special} bool {@code [n]}, {@code word_index} int32 {@code [n]}, {@code token_ids} int32
 *       {@code [n]} (the vocabulary ids the model was fed; -1 for a token without one, e.g. an image patch),
 *       {@code value_norms} float32 {@code [L, H, n]} when captured, and {@code provenance}, a 0-d unicode array holding a JSON object;
 *       written by {@link NpzWriter}, attention one plane at a time.</li>
 * </ul>
 */
public final class TraceFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceFiles() {
    }

    /**
     * What the writers read of a trace, plane by plane in layer order: an {@link AttentionTrace} ({@link #of}), or
     * the attention of a text captured in passes over layer groups ({@link LayerGroupCapture}).
     */
    interface Planes {
        String text();

        List<Token> tokens();

        int layers();

        int heads();

        Provenance provenance();

        /** Read in layer order by the writers. */
        AttentionMatrix attention(int layer, int head);

        /** Read after every plane. */
        Optional<ValueNorms> valueNorms();

        /** Whether {@link #valueNorms()} will be present (known before the planes are read). */
        default boolean hasValueNorms() {
            return valueNorms().isPresent();
        }

        static Planes of(AttentionTrace t) {
            return new Planes() {
                @Override
                public String text() {
                    return t.text();
                }

                @Override
                public List<Token> tokens() {
                    return t.tokens();
                }

                @Override
                public int layers() {
                    return t.layers();
                }

                @Override
                public int heads() {
                    return t.heads();
                }

                @Override
                public Provenance provenance() {
                    return t.provenance();
                }

                @Override
                public AttentionMatrix attention(int layer, int head) {
                    return t.attention(layer, head);
                }

                @Override
                public Optional<ValueNorms> valueNorms() {
                    return t.valueNorms();
                }
            };
        }
    }

    /**
     * Writes {@code trace} to {@code target}.
     *
     * @throws UserInputException when the extension is neither {@code .json} nor {@code .npz}
     */
    public static void write(AttentionTrace trace, Path target) {
        write(Planes.of(trace), target);
    }

    /** As {@link #write(AttentionTrace, Path)}, reading the planes once, in layer order. */
    static void write(Planes trace, Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            AtomicFiles.write(target, out -> writeJson(trace, out));
        } else if (name.endsWith(".npz")) {
            try {
                npz(trace).write(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode the provenance of " + target + ": " + e.getMessage(), e);
            }
        } else {
            throw new UserInputException("--out " + target + " has an unknown extension; use .json or .npz");
        }
    }

    static void writeJson(Planes t, OutputStream raw) throws IOException {
        try (JsonGenerator g = new JsonFactory(MAPPER).createGenerator(raw, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectField("provenance", t.provenance().toMap());
            g.writeStringField("text", t.text());
            g.writeNumberField("layers", t.layers());
            g.writeNumberField("heads", t.heads());
            tokensJson(g, "tokens", t.tokens());
            int n = t.tokens().size();
            attentionJson(g, "attention", t, n, n, 0);
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

    /** Writes {@code tokens} as the array field {@code field} of objects {text, piece, id, start, end, special, word}. */
    static void tokensJson(JsonGenerator g, String field, List<Token> tokens) throws IOException {
        g.writeArrayFieldStart(field);
        for (Token k : tokens) {
            g.writeStartObject();
            g.writeStringField("text", k.text());
            g.writeStringField("piece", k.piece());
            g.writeNumberField("id", k.id());
            g.writeNumberField("start", k.start());
            g.writeNumberField("end", k.end());
            g.writeBooleanField("special", k.special());
            g.writeNumberField("word", k.wordIndex());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Writes {@code t}'s attention as the nested array field {@code field} [L][H][rows][cols]: row i, column j of a
     * plane is the matrix cell (i, j + {@code columnOffset}) (a cross trace's rectangle starts at column t).
     */
    static void attentionJson(JsonGenerator g, String field, AttentionTrace t, int rows, int cols, int columnOffset)
            throws IOException {
        attentionJson(g, field, Planes.of(t), rows, cols, columnOffset);
    }

    static void attentionJson(JsonGenerator g, String field, Planes t, int rows, int cols, int columnOffset)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (int l = 0; l < t.layers(); l++) {
            g.writeStartArray();
            for (int h = 0; h < t.heads(); h++) {
                AttentionMatrix m = t.attention(l, h);
                g.writeStartArray();
                for (int i = 0; i < rows; i++) {
                    g.writeStartArray();
                    for (int j = 0; j < cols; j++) {
                        g.writeNumber(m.weight(i, j + columnOffset));
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** The archive described in the class comment, through the app's one {@link NpzWriter}. */
    static NpzWriter npz(AttentionTrace t) throws IOException {
        return npz(Planes.of(t));
    }

    static NpzWriter npz(Planes t) throws IOException {
        int n = t.tokens().size();
        int layers = t.layers();
        int heads = t.heads();
        NpzWriter npz = new NpzWriter();
        // attention: one plane at a time, so the whole array is never copied at once
        npz.addFloatChunks("attention", new int[] {layers, heads, n, n}, layers * heads,
                c -> t.attention(c / heads, c % heads).toArray());
        List<Token> tokens = t.tokens();
        List<String> texts = new ArrayList<>(n);
        List<String> pieces = new ArrayList<>(n);
        int[] offsets = new int[2 * n];
        boolean[] special = new boolean[n];
        int[] words = new int[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            Token k = tokens.get(i);
            texts.add(k.text());
            pieces.add(k.piece());
            offsets[2 * i] = k.start();
            offsets[2 * i + 1] = k.end();
            special[i] = k.special();
            words[i] = k.wordIndex();
            ids[i] = k.id();
        }
        npz.addText("tokens", new int[] {n}, texts);
        npz.addText("pieces", new int[] {n}, pieces);
        npz.addInt("offsets", new int[] {n, 2}, offsets);
        npz.addBool("special", new int[] {n}, special);
        npz.addInt("word_index", new int[] {n}, words);
        npz.addInt("token_ids", new int[] {n}, ids);
        if (t.hasValueNorms()) {
            // read when the archive is written, after the attention (a layer-group capture completes them there)
            npz.addFloatChunks("value_norms", new int[] {layers, heads, n}, 1, c -> {
                ValueNorms v = t.valueNorms().orElseThrow();
                float[] norms = new float[layers * heads * n];
                int i = 0;
                for (int l = 0; l < layers; l++) {
                    for (int h = 0; h < heads; h++) {
                        for (int j = 0; j < n; j++) {
                            norms[i++] = v.norm(l, h, j);
                        }
                    }
                }
                return norms;
            });
        }
        npz.addText("provenance", new int[0], List.of(MAPPER.writeValueAsString(t.provenance().toMap())));
        return npz;
    }
}
