package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.model.DefaultModel;
import org.attnplanes.render.export.FigureMetadata;
import org.attnplanes.testmodels.VitOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions from looking at every figure the commands write (issue 15): in the SVG document order (the
 * painter's order) the plane titles and token labels come after every plane, edge and picture, so nothing drawn
 * later can cover them (a ViT's picture used to hide "layer 0 · mean", a nearer plane the back tokens); the
 * classifier plane's classes are labelled in the figure, not only in the legend; a difference figure's legend
 * names Δw; series plots name their statistic in words with its unit.
 */
class FigureReadabilityTest {

    @TempDir
    Path dir;

    @Test
    void vit_titlesAndLabelsAfterThePicture_classesLabelled() throws Exception {
        VitOnnx.Spec spec = VitOnnx.Spec.square(VitOnnx.Variant.VIT);
        Path model = VitOnnx.write(dir.resolve("vit"), VitOnnx.vit(spec, 7), VitOnnx.preprocessorConfig(spec, 2));
        Path image = VisionCommandsTest.png(dir.resolve("cat.png"), 48, 40, 3);
        Path svg = dir.resolve("vit.svg");

        Cli.Result r = Cli.inProcess("render", "--model", model.toString(), "--image", image.toString(),
                "--class-labels", "cat,dog,bird", "--out", svg.toString());

        assertEquals(0, r.exitCode(), r.err());
        String s = Files.readString(svg);
        int lastImage = s.lastIndexOf("<image");
        int lastEdge = s.lastIndexOf("id='e-");
        assertTrue(lastImage > 0 && lastEdge > 0, "picture and edges drawn");
        for (String title : new String[] {"layer 0 · mean", "layer 1 · mean", "classifier"}) {
            int at = s.indexOf(">" + title + "</text>");
            assertTrue(at > lastImage && at > lastEdge, title + " must be drawn after the picture and the edges");
        }
        int labels = s.indexOf("<g id='labels'>");
        assertTrue(labels > lastImage && labels > lastEdge, "token labels last");
        for (String c : new String[] {"cat (p=", "dog (p=", "bird (p="}) {
            assertTrue(s.indexOf(">" + c, labels) > labels, c + " should label its class node");
        }
        Map<String, String> meta = FigureMetadata.readSvg(svg);
        assertTrue(meta.get("figure.text_cut").startsWith("none of "), meta.get("figure.text_cut"));
    }

    @Test
    void stack_tokenLabelsAfterEveryPlane_differenceLegendNamesDelta_seriesAxisInWords() throws Exception {
        Path svg = dir.resolve("stack.svg");
        Cli.Result r = Cli.inProcess("render", "--text", "The cat sat on the mat.", "--layout", "circle", "--out",
                svg.toString());
        assertEquals(0, r.exitCode(), r.err());
        String s = Files.readString(svg);
        int labels = s.indexOf("<g id='labels'>");
        assertTrue(labels > s.lastIndexOf("<g id='plane-5'>") && labels > s.lastIndexOf("id='e-"), "labels last");
        assertTrue(s.indexOf(">cat</text>", labels) > labels, "token labels inside the labels group");

        String model = DefaultModel.model().toString();
        Path cmp = dir.resolve("cmp");
        Cli.Result c = Cli.inProcess("compare", "--text", "The cat sat.", "--other-model", model, "--no-cross-barcodes",
                "--out", cmp.toString());
        assertEquals(0, c.exitCode(), c.err());
        String legend = FigureMetadata.readPng(cmp.resolve("difference.png")).get("figure.legend");
        assertTrue(legend.contains("∝ |Δw|") && !legend.contains("∝ |w|"), legend);

        Path series = dir.resolve("series");
        Cli.Result sr = Cli.inProcess("series", model, model, "--text", "Birds fly south.", "--out", series.toString());
        assertEquals(0, sr.exitCode(), sr.err());
        String plot = Files.readString(series.resolve("series_h1_total.svg"));
        assertTrue(plot.contains("H₁ total persistence (1 − w)"), "the y axis should name the statistic in words");
        assertTrue(Files.readString(series.resolve("series_betti1_t0.10.svg")).contains("β₁ at w ≥ 0.10"));
    }
}
