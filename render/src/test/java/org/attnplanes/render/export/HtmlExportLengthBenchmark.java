package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Export time of the HTML page of a 12-layer × 512-token graph (mean heads, top-3 per token, as render keeps
 * for long inputs), with the length encoding's layout left out ({@link HtmlExporter.LengthLayout#AUTO} above
 * {@link HtmlExporter.LengthLayout#AUTO_TOKENS} tokens) against the baseline that computes it
 * ({@link HtmlExporter.LengthLayout#INCLUDE}, what every export did before). Alternating runs, median of
 * {@link #RUNS}. On demand: {@code -Dattnplanes.bench=true}.
 */
class HtmlExportLengthBenchmark {

    static final int RUNS = 3;

    @Test
    void export12x512() {
        Assumptions.assumeTrue(Boolean.getBoolean("attnplanes.bench"), "benchmark; run with -Dattnplanes.bench=true");
        MultiPlanarGraph g = SyntheticGraphs.graph(12, 1, 512, 3, GraphSpec.builder().topK(3).build());
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY);
        HtmlExporter.html(g, enc, HtmlExporter.LengthLayout.AUTO);      // warm-up
        int edges = org.attnplanes.render.SceneBuilder.build(g, enc).edges().size();
        double[] lazy = new double[RUNS];
        double[] eager = new double[RUNS];
        int lazySize = 0;
        int eagerSize = 0;
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            lazySize = HtmlExporter.html(g, enc, HtmlExporter.LengthLayout.AUTO).length();
            lazy[r] = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            eagerSize = HtmlExporter.html(g, enc, HtmlExporter.LengthLayout.INCLUDE).length();
            eager[r] = (System.nanoTime() - t1) / 1e6;
        }
        Arrays.sort(lazy);
        Arrays.sort(eager);
        double l = lazy[RUNS / 2];
        double e = eager[RUNS / 2];
        System.out.printf(Locale.ROOT, "HTML export 12 x 512, %d edges: without length layout %.0f ms (%d chars),"
                + " with it %.0f ms (%d chars); ratio %.3f%n", edges, l, lazySize, e, eagerSize, l / e);
        assertTrue(l < e, "leaving the length layout out should be faster");
    }
}
