package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.attnplanes.app.plot.ChartExport;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnplanes demo} (the README's main job) in a real child process without a display. */
class DemoCommandProcessTest {

    @TempDir
    Path dir;

    @Test
    void demo_withoutDisplay_writesFiguresAndStatisticsIntoAttnplanesDemo() throws Exception {
        Cli.Result r = Cli.process(dir, 600, true, "demo");

        assertEquals(0, r.exitCode(), r.err());
        Path out = dir.resolve("attnplanes-demo");
        for (String f : List.of("planes.csv", "barcodes.json", "provenance.json", "graph.png", "graph.svg",
                "encodings.png", "encodings.svg", "figures/betti1_curves.png", "figures/betti1_curves.svg",
                "figures/heatmap_betti1_t0.10.png", "figures/diagram.svg", "figures/barcode.png",
                "figures/cliques_t0.10.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f + " missing or tiny");
            assertTrue(r.out().contains("  " + f), "demo must say it wrote " + f + ": " + r.out());
        }
        assertTrue(r.out().contains("wrote into " + out.toRealPath()), r.out());
        BufferedImage graph = ImageIO.read(out.resolve("graph.png").toFile());
        assertTrue(TestFiles.distinctColours(graph, 100) > 20, "graph.png looks blank");
        assertEquals("svg", TestFiles.parseXml(out.resolve("encodings.svg")).getDocumentElement().getLocalName());
        assertEquals("all-minilm-l6-v2.onnx",
                ChartExport.readPngProvenance(out.resolve("figures/betti1_curves.png")).get("model"));
        // 72 per-head rows + 6 mean rows, after the # provenance lines and the header
        long rows = Files.readAllLines(out.resolve("planes.csv")).stream().filter(l -> !l.startsWith("#")).count() - 1;
        assertEquals(78, rows);

        // the README's main job run a second time replaces the earlier demo's results in its own folder ...
        Cli.Result again = Cli.process(dir, 600, true, "demo");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(rows, Files.readAllLines(out.resolve("planes.csv")).stream().filter(l -> !l.startsWith("#"))
                .count() - 1);
        // ... while a folder named with --out keeps the rule of every command: earlier results need --overwrite
        Cli.Result named = Cli.process(dir, 600, true, "demo", "--out", "attnplanes-demo");
        assertEquals(2, named.exitCode(), named.err());
        assertTrue(named.err().contains("--overwrite"), named.err());
    }
}
