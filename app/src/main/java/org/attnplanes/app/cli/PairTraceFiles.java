package org.attnplanes.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.NpzWriter;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.io.AtomicFiles;

/**
 * Writes an {@link EncoderDecoderTrace} atomically, as {@code .json} or as a NumPy archive ({@code .npz},
 * {@code numpy.load}). The archive holds {@code encoder_attention} float32 {@code [L_enc, H, n_src, n_src]}, {@code decoder_attention} float32
 * {@code [L_dec, H, n_tgt, n_tgt]} (causal), {@code cross_attention} float32 {@code [L_dec, H, n_tgt, n_src]}
 * (target rows × source columns), both token lists ({@code source_tokens}, {@code source_pieces},
 * {@code source_special}, {@code source_token_ids} int32, {@code target_tokens}, {@code target_pieces},
 * {@code target_special}, {@code target_token_ids} int32; the target starts with the decoder start token, whose id is
 * {@code target_token_ids[0]}) and {@code provenance}, a 0-d unicode array holding a JSON object (the decoder trace's
 * provenance plus {@code encoder_provenance}). The {@code .json} file holds the same under the same keys:
 * {@code {"provenance": {...}, "source_text", "target_text", "encoder_layers", "decoder_layers", "heads",
 * "source_tokens": [{"text", "piece", "id", "start", "end", "special", "word"}...], "target_tokens": [...],
 * "encoder_attention": [L_enc][H][n_src][n_src], "decoder_attention": [L_dec][H][n_tgt][n_tgt],
 * "cross_attention": [L_dec][H][n_tgt][n_src]}} (streamed; for small inputs). A single model's file keeps
 * {@link TraceFiles}' layout ({@code attention}).
 */
public final class PairTraceFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PairTraceFiles() {
    }

    /**
     * Writes {@code trace} to {@code target}.
     *
     * @throws UserInputException unless the extension is {@code .json} or {@code .npz}
     */
    public static void write(EncoderDecoderTrace trace, Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".json")) {
                AtomicFiles.write(target, out -> writeJson(trace, out));
            } else if (name.endsWith(".npz")) {
                npz(trace).write(target);
            } else {
                throw UserInputException.of("--out", target, "has an unknown extension; use .json or .npz");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the provenance of " + target + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> provenance(EncoderDecoderTrace trace) {
        Map<String, Object> provenance = new LinkedHashMap<>(trace.provenance().toMap());
        provenance.put("encoder_provenance", trace.encoder().provenance().toMap());
        return provenance;
    }

    private static NpzWriter npz(EncoderDecoderTrace trace) throws IOException {
        NpzWriter npz = new NpzWriter();
        square(npz, "encoder_attention", trace.encoder());
        square(npz, "decoder_attention", trace.decoder());
        AttentionTrace c = trace.cross();
        npz.add("cross_attention", new int[] {c.layers(), c.heads(), c.targetCount(), c.sourceCount()},
                c.toRectangularArray());
        tokens(npz, "source", trace.sourceTokens());
        tokens(npz, "target", trace.targetTokens());
        npz.addText("provenance", new int[0], List.of(MAPPER.writeValueAsString(provenance(trace))));
        return npz;
    }

    private static void writeJson(EncoderDecoderTrace trace, OutputStream raw) throws IOException {
        try (JsonGenerator g = new JsonFactory(MAPPER).createGenerator(raw, JsonEncoding.UTF8)) {
            AttentionTrace e = trace.encoder();
            AttentionTrace d = trace.decoder();
            AttentionTrace c = trace.cross();
            g.writeStartObject();
            g.writeObjectField("provenance", provenance(trace));
            g.writeStringField("source_text", e.text());
            g.writeStringField("target_text", d.text());
            g.writeNumberField("encoder_layers", e.layers());
            g.writeNumberField("decoder_layers", d.layers());
            g.writeNumberField("heads", d.heads());
            TraceFiles.tokensJson(g, "source_tokens", trace.sourceTokens());
            TraceFiles.tokensJson(g, "target_tokens", trace.targetTokens());
            TraceFiles.attentionJson(g, "encoder_attention", e, e.tokenCount(), e.tokenCount(), 0);
            TraceFiles.attentionJson(g, "decoder_attention", d, d.tokenCount(), d.tokenCount(), 0);
            TraceFiles.attentionJson(g, "cross_attention", c, c.targetCount(), c.sourceCount(), c.targetCount());
            g.writeEndObject();
        }
    }

    private static void square(NpzWriter npz, String key, AttentionTrace t) {
        int n = t.tokenCount();
        int heads = t.heads();
        npz.addFloatChunks(key, new int[] {t.layers(), heads, n, n}, t.layers() * heads,
                k -> t.attention(k / heads, k % heads).toArray());
    }

    private static void tokens(NpzWriter npz, String side, List<Token> tokens) {
        int n = tokens.size();
        List<String> texts = new ArrayList<>(n);
        List<String> pieces = new ArrayList<>(n);
        boolean[] special = new boolean[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            texts.add(tokens.get(i).text());
            pieces.add(tokens.get(i).piece());
            special[i] = tokens.get(i).special();
            ids[i] = tokens.get(i).id();
        }
        npz.addText(side + "_tokens", new int[] {n}, texts);
        npz.addText(side + "_pieces", new int[] {n}, pieces);
        npz.addBool(side + "_special", new int[] {n}, special);
        npz.addInt(side + "_token_ids", new int[] {n}, ids);
    }
}
