package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open-time benchmark of the HTML export (run on demand: {@code -Dattnplanes.bench=true}): a 12-layer scene
 * with about 12 k edges opened in headless Chromium, from {@code Page.navigate} until the page has drawn its
 * first frame, against the baseline of the same scene's static SVG export opened in the same browser
 * (navigate until the load event). Alternating runs, median of {@link #RUNS}; also the time of one redraw.
 */
class HtmlOpenBenchmark {

    static final int RUNS = 7;

    @TempDir
    Path dir;

    @Test
    void open12kEdges() throws Exception {
        // 12 layers, mean heads, 96 tokens, top-20 per node (symmetrized: pairs kept by either end count once)
        bench(SyntheticGraphs.graph(12, 12, 96, 3, GraphSpec.builder().topK(20).build()), "html-open-benchmark.txt");
    }

    /** The per-head page, which opens as the layer × head grid: 6 layers × 12 heads × 37 tokens, top-8 per node. */
    @Test
    void open12kEdgesPerHeadGrid() throws Exception {
        bench(SyntheticGraphs.graph(6, 12, 37, 3, GraphSpec.builder().headReduction(
                org.attnplanes.graph.HeadReduction.PER_HEAD).topK(8).build()), "html-open-benchmark-grid.txt");
    }

    private void bench(MultiPlanarGraph g, String reportFile) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("attnplanes.bench"), "benchmark; run with -Dattnplanes.bench=true");
        Assumptions.assumeTrue(Chromium.available(), "Debian package chromium is not installed");
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH);
        Scene scene = SceneBuilder.build(g, enc);
        Path html = dir.resolve("bench.html");
        Path svg = dir.resolve("bench.svg");
        long tl = System.nanoTime();
        SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH, Encoding.LENGTH));
        long lengthScene = System.nanoTime() - tl;
        long t0 = System.nanoTime();
        HtmlExporter.write(g, enc, html);
        long writeHtml = System.nanoTime() - t0;
        Figures.writeSvg(scene, FigureSpec.defaults(), svg);
        double[] htmlMs = new double[RUNS];
        double[] svgMs = new double[RUNS];
        double[] drawMs = new double[RUNS];
        double hoverMs;
        try (Chromium c = Chromium.start(1280, 900)) {
            c.send("Page.enable");
            open(c, svg, "document.readyState === 'complete'");
            open(c, html, "document.body && document.body.dataset.ready === 'true'");
            for (int r = 0; r < RUNS; r++) {
                svgMs[r] = open(c, svg, "document.readyState === 'complete'");
                htmlMs[r] = open(c, html, "document.body && document.body.dataset.ready === 'true'");
                drawMs[r] = c.eval("window.attnplanes.lastDrawMs()").asDouble();
            }
            // the hover hit test (nodes, then every drawn edge: segment or arc) at 101 seeded points on the canvas
            hoverMs = c.eval("(() => { const v = document.getElementById('view'), r = v.getBoundingClientRect(), t = [];"
                    + " let seed = 7; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;"
                    + " for (let i = 0; i < 101; i++) { const x = r.left + rnd() * r.width, y = r.top + rnd() * r.height;"
                    + "  const t0 = performance.now();"
                    + "  v.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));"
                    + "  t.push(performance.now() - t0); }"
                    + " t.sort((a, b) => a - b); return t[50]; })()").asDouble();
        }
        double h = median(htmlMs), s = median(svgMs), d = median(drawMs);
        String report = String.format(Locale.ROOT, "edges %d, nodes %d, html %.0f KB (written in %.0f ms, of which the length-layout scene ~%.0f ms), svg %.0f KB%n"
                        + "open html median %.0f ms (min %.0f, max %.0f); open svg median %.0f ms (min %.0f); ratio html/svg %.2f;"
                        + " one redraw median %.0f ms; one hover hit test median %.1f ms%n",
                scene.edges().size(), scene.nodes().size(), Files.size(html) / 1024.0, writeHtml / 1e6, lengthScene / 1e6,
                Files.size(svg) / 1024.0, h, min(htmlMs), max(htmlMs), s, min(svgMs), h / s, d, hoverMs);
        System.out.print(report);
        Files.writeString(Path.of("target", reportFile), report);
        assertTrue(scene.edges().size() >= 12_000, "the benchmark scene should have >= 12k edges");
    }

    /** Navigates to the file and polls the condition; wall-clock milliseconds from navigate to true. */
    private static double open(Chromium c, Path file, String readyCondition) {
        c.send("Page.navigate", Chromium.params().put("url", "about:blank"));
        c.waitFor("document.readyState === 'complete'");
        long t = System.nanoTime();
        c.send("Page.navigate", Chromium.params().put("url", file.toUri().toString()));
        c.waitFor(readyCondition);
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
