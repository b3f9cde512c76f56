package org.attnplanes.bench.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

/**
 * {@code HeadPlanesMain N OUTDIR}: captures all-MiniLM-L6-v2 on the first words of a fixed English prose text
 * (benchmark resource {@code prose.txt}) cut to exactly {@code N} tokens ([CLS] and [SEP] included), and writes
 * one file per head, {@code L<layer>H<head>.lower}: the lower triangle of d = 1 − (A + Aᵀ)/2 in ripser's
 * {@code lower-distance} format, float32 values printed with {@code %.9g} so that ripser and our reader see
 * bit-identical numbers. These are the real head planes of issue 16's H≤2 rows.
 */
public final class HeadPlanesMain {

    private HeadPlanesMain() {
    }

    /** Writes the 72 head planes; exit status 2 on bad arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: HeadPlanesMain N OUTDIR");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        String[] words = proseWords();
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build())) {
            String text = textOfLength(model, words, n);
            AttentionTrace t = model.capture(text);
            for (int l = 0; l < t.layers(); l++) {
                for (int h = 0; h < t.heads(); h++) {
                    write(t.attention(l, h), out.resolve("L" + l + "H" + h + ".lower"));
                }
            }
            System.out.printf("%d tokens, %d x %d heads -> %s%n", t.tokenCount(), t.layers(), t.heads(), out);
        }
    }

    /** The words of the benchmark prose text (resource {@code prose.txt}), in order. */
    public static String[] proseWords() throws IOException {
        try (InputStream in = HeadPlanesMain.class.getResourceAsStream("prose.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
        }
    }

    /** The shortest word prefix with exactly {@code n} tokens, padding with "the" (one token) if needed. */
    public static String textOfLength(AttentionModel model, String[] words, int n) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            String next = sb.isEmpty() ? w : sb + " " + w;
            int len = model.tokenize(next).size();
            if (len > n) {
                break;
            }
            sb.setLength(0);
            sb.append(next);
            if (len == n) {
                return next;
            }
        }
        while (model.tokenize(sb.toString()).size() < n) {
            sb.append(" the");
        }
        if (model.tokenize(sb.toString()).size() != n) {
            throw new IllegalArgumentException("cannot make a text of exactly " + n + " tokens");
        }
        return sb.toString();
    }

    /** Writes d = 1 − (A + Aᵀ)/2 as ripser's {@code lower-distance} text, float32 values printed with {@code %.9g}. */
    public static void write(AttentionMatrix a, Path file) {
        int n = a.size();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 1; i < n; i++) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < i; j++) {
                    float d = 1f - (a.weight(i, j) + a.weight(j, i)) / 2f;
                    line.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", d));
                }
                w.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
