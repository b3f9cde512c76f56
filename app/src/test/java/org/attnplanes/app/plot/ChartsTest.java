package org.attnplanes.app.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.attnplanes.app.testutil.TestFiles;
import org.attnplanes.render.export.FigureMetadata;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartsTest {

    @TempDir
    Path dir;

    private static final Map<String, String> PROV = Map.of("model", "all-minilm-l6-v2.onnx");

    private static List<List<double[]>> bars() {
        return List.of(List.of(new double[] {0, 0.3}, new double[] {0, 0.5}, new double[] {0, Double.POSITIVE_INFINITY}),
                List.of(new double[] {0.55, 0.7}));
    }

    static long distinctColours(BufferedImage img) {
        return java.util.stream.IntStream.range(0, img.getWidth() * img.getHeight())
                .map(i -> img.getRGB(i % img.getWidth(), i / img.getWidth())).distinct().limit(50).count();
    }

    private void assertExports(JFreeChart chart, String name) throws Exception {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        ChartExport.write(chart, png, 640, 420, PROV);
        ChartExport.write(chart, svg, 640, 420, PROV);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertTrue(distinctColours(img) > 10, name + " PNG looks blank");
        Map<String, String> meta = ChartExport.readPngProvenance(png);
        assertEquals(meta, FigureMetadata.readSvg(svg), "PNG and SVG carry the same entries");
        PROV.forEach((k, v) -> assertEquals(v, meta.get(k), k));
        assertEquals(chart.getTitle().getText(), meta.get("figure.title"));
        Document doc = TestFiles.parseXml(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        String text = Files.readString(svg);
        assertTrue(text.contains("all-minilm-l6-v2.onnx"), "SVG metadata missing");
        assertTrue(text.contains(chart.getTitle().getText()), "SVG title missing");
    }

    @Test
    void bettiCurves_twoLayers_exportsPngAndSvgWithProvenance() throws Exception {
        JFreeChart c = Charts.bettiCurves("β1 per layer", 1, List.of(
                new Curve("layer 0", new double[] {1, 0.5, 0}, new double[] {0, 2, 0}),
                new Curve("layer 1", new double[] {1, 0.5, 0}, new double[] {0, 1, 0})));
        assertEquals(2, c.getXYPlot().getDataset().getSeriesCount());
        assertExports(c, "betti");
    }

    @Test
    void persistenceDiagramAndBarcode_withInfiniteBar_export() throws Exception {
        assertExports(Charts.persistenceDiagram("diagram", bars()), "diagram");
        assertExports(Charts.barcode("barcode", bars()), "barcode");
    }

    @Test
    void infiniteBars_areDrawnAtALabelledInfinityLine_onlyWhenThereAreSome() throws Exception {
        List<List<double[]>> finite = List.of(List.of(new double[] {0, 0.3}, new double[] {0, 0.5}),
                List.of(new double[] {0.55, 0.7}));
        String[][] expect = {{"death = ∞ (never dies)", "H0 (3 bars; 1 never dies: death = ∞ at the dashed line)"},
            {null, null}};
        List<List<List<double[]>>> inputs = List.of(bars(), finite);
        for (int i = 0; i < 2; i++) {
            for (int kind = 0; kind < 2; kind++) {
                Path svg = dir.resolve("inf" + i + kind + ".svg");
                JFreeChart c = kind == 0 ? Charts.persistenceDiagram("d", inputs.get(i))
                        : Charts.barcode("b", inputs.get(i));
                ChartExport.write(c, svg, 640, 420, PROV);
                String text = Files.readString(svg);
                if (expect[i][kind] != null) {
                    assertTrue(text.contains(">" + expect[i][kind] + "</text>"), "no label " + expect[i][kind]);
                } else {
                    assertTrue(!text.contains("∞"), "an ∞ label without an infinite bar");
                }
            }
        }
    }

    @Test
    void cliqueHistogramAndHeatMap_export() throws Exception {
        Map<String, long[]> counts = new LinkedHashMap<>();
        counts.put("layer 0", new long[] {10, 20, 8, 1});
        counts.put("layer 1", new long[] {10, 15, 3});
        assertExports(Charts.cliqueHistogram("cliques", counts), "cliques");
        double[][] v = {{0, 1, 2}, {3, Double.NaN, 5}};
        assertExports(Charts.headHeatMap("β1 by head", "betti1_t0.10", v), "heat");
    }

    @Test
    void write_unknownExtension_failsNamingFile() {
        Path f = dir.resolve("x.jpg");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ChartExport.write(Charts.barcode("b", bars()), f, 10, 10, PROV));
        assertEquals("figure file " + f + " must end in .png or .svg", ex.getMessage());
    }

    @Test
    void bettiCurves_allZero_saySoAndUseAReadableAxis() throws Exception {
        JFreeChart c = Charts.bettiCurves("β3 per layer", 3, List.of(
                new Curve("layer 0", new double[] {1, 0.5, 0}, new double[] {0, 0, 0}),
                new Curve("layer 1", new double[] {1, 0.5, 0}, new double[] {0, 0, 0})));
        org.jfree.data.Range r = c.getXYPlot().getRangeAxis().getRange();
        assertTrue(r.getLength() >= 1, "axis " + r + " should not zoom into rounding noise");
        assertTrue(c.getSubtitles().stream().anyMatch(t -> t instanceof org.jfree.chart.title.TextTitle tt
                && tt.getText().equals("β₃ = 0 on every curve and threshold")), "no note that the statistic is constant");
        assertExports(c, "zero");
    }

    @Test
    void seriesCurves_coincidingLayers_areNamedInANote() throws Exception {
        double[] x = {0, 1, 2};
        JFreeChart c = Charts.seriesCurves("t", "H₁ total", List.of("a", "b", "c"), List.of(
                new Curve("layer 0", x, new double[] {0.1, 0.09, 0.08}),
                new Curve("layer 1", x, new double[] {0, 0, 0}),
                new Curve("layer 2", x, new double[] {0.05, 0.06, 0.05}),
                new Curve("layer 3", x, new double[] {0, 0, 0}),
                new Curve("layer 4", x, new double[] {0.05, 0.06, 0.05})));
        java.util.List<String> notes = c.getSubtitles().stream().filter(t -> t instanceof org.jfree.chart.title.TextTitle)
                .map(t -> ((org.jfree.chart.title.TextTitle) t).getText()).toList();
        assertTrue(notes.contains("drawn as one line each (equal values): layer 1 = layer 3: 0 at every checkpoint;"
                + " layer 2 = layer 4"), notes.toString());
        JFreeChart distinct = Charts.seriesCurves("t", "H₁ total", List.of("a", "b"), List.of(
                new Curve("layer 0", new double[] {0, 1}, new double[] {0.1, 0.2}),
                new Curve("layer 1", new double[] {0, 1}, new double[] {0.1, 0.25})));
        assertEquals(List.of(), Charts.noteCoinciding(distinct, List.of(
                new Curve("layer 0", new double[] {0, 1}, new double[] {0.1, 0.2}),
                new Curve("layer 1", new double[] {0, 1}, new double[] {0.1, 0.25})), "x"));
        assertExports(c, "coinciding");
    }
}
