package org.attnplanes.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.NpzWriter;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.graph.Token;

/**
 * Writes an {@link EncoderDecoderTrace} as a NumPy archive ({@code .npz}, {@code numpy.load}), atomically:
 * {@code encoder_attention} float32 {@code [L_enc, H, n_src, n_src]}, {@code decoder_attention} float32
 * {@code [L_dec, H, n_tgt, n_tgt]} (causal), {@code cross_attention} float32 {@code [L_dec, H, n_tgt, n_src]}
 * (target rows × source columns), both token lists ({@code source_tokens}, {@code source_pieces},
 * {@code source_special}, {@code target_tokens}, {@code target_pieces}, {@code target_special}; the target starts
 * with the decoder start token) and {@code provenance}, a 0-d unicode array holding a JSON object (the decoder
 * trace's provenance plus {@code encoder_provenance}). A single model's file keeps {@link TraceFiles}' layout
 * ({@code attention}).
 */
public final class PairTraceFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PairTraceFiles() {
    }

    /**
     * Writes {@code trace} to {@code target}.
     *
     * @throws UserInputException unless the extension is {@code .npz}
     */
    public static void write(EncoderDecoderTrace trace, Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".npz")) {
            throw UserInputException.of("--out", target, "must end in .npz for an encoder-decoder (three attention "
                    + "arrays and two token lists)");
        }
        try {
            NpzWriter npz = new NpzWriter();
            square(npz, "encoder_attention", trace.encoder());
            square(npz, "decoder_attention", trace.decoder());
            AttentionTrace c = trace.cross();
            npz.add("cross_attention", new int[] {c.layers(), c.heads(), c.targetCount(), c.sourceCount()},
                    c.toRectangularArray());
            tokens(npz, "source", trace.sourceTokens());
            tokens(npz, "target", trace.targetTokens());
            Map<String, Object> provenance = new LinkedHashMap<>(trace.provenance().toMap());
            provenance.put("encoder_provenance", trace.encoder().provenance().toMap());
            npz.addText("provenance", new int[0], List.of(MAPPER.writeValueAsString(provenance)));
            npz.write(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the provenance of " + target + ": " + e.getMessage(), e);
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
        for (int i = 0; i < n; i++) {
            texts.add(tokens.get(i).text());
            pieces.add(tokens.get(i).piece());
            special[i] = tokens.get(i).special();
        }
        npz.addText(side + "_tokens", new int[] {n}, texts);
        npz.addText(side + "_pieces", new int[] {n}, pieces);
        npz.addBool(side + "_special", new int[] {n}, special);
    }
}
