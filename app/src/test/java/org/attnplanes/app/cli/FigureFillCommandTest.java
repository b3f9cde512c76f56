package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.render.export.FigureMetadata;
import org.attnplanes.render.export.Figures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default {@code render} figure of the MiniLM stack fills its canvas (issue 15: it used a third of the width):
 * without {@code --size} the canvas is cut to the stack, whose projected box (the PNG's {@code figure.scene_box})
 * then spans most of the canvas; with {@code --size} the canvas is kept and the stack still fills its height.
 */
class FigureFillCommandTest {

    private static final String TEXT = "The quick brown fox jumps over the lazy dog, and the dog just sleeps.";

    @TempDir
    Path dir;

    private static double[] box(Map<String, String> meta) {
        String[] p = meta.get(Figures.SCENE_BOX_KEY).split(" ");
        return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                Double.parseDouble(p[3])};
    }

    @Test
    void defaultStack_fillsTheCanvas_andAGivenSizeIsKept() throws Exception {
        for (String layout : new String[] {"line", "circle"}) {
            Path png = dir.resolve(layout + ".png");
            Cli.Result r = Cli.inProcess("render", "--text", TEXT, "--layout", layout, "--out", png.toString());
            assertEquals(0, r.exitCode(), r.err());
            BufferedImage img = ImageIO.read(png.toFile());
            Map<String, String> meta = FigureMetadata.readPng(png);
            double[] b = box(meta);
            assertEquals(800, img.getHeight());
            assertTrue(img.getWidth() < 1200, layout + ": the canvas is cut to the stack, " + img.getWidth());
            assertTrue(b[0] >= 0 && b[1] >= 0 && b[2] <= img.getWidth() && b[3] <= img.getHeight(),
                    layout + ": " + meta.get(Figures.SCENE_BOX_KEY));
            assertTrue((b[2] - b[0]) / img.getWidth() > 0.5, layout + ": the stack spans " + (b[2] - b[0])
                    + " px of " + img.getWidth());
            assertTrue((b[3] - b[1]) / img.getHeight() > 0.65, layout + ": the stack spans " + (b[3] - b[1])
                    + " px of " + img.getHeight());
            assertTrue(meta.get("figure.text_cut").startsWith("none of "), meta.get("figure.text_cut"));
        }
        Path given = dir.resolve("given.png");
        Cli.Result r = Cli.inProcess("render", "--text", TEXT, "--layout", "circle", "--size", "1000x700", "--out",
                given.toString());
        assertEquals(0, r.exitCode(), r.err());
        BufferedImage img = ImageIO.read(given.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(700, img.getHeight());
        double[] b = box(FigureMetadata.readPng(given));
        assertTrue((b[3] - b[1]) / 700 > 0.65, "the stack spans " + (b[3] - b[1]) + " px of 700");
    }
}
