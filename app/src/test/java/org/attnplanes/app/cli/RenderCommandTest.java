package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code attnplanes render} and {@code compare-encodings} on the embedded model. */
class RenderCommandTest {

    @TempDir
    Path dir;

    @Test
    void render_pngAndSvg_nonBlankImageAndValidSvgWithOneLinePerEdge() throws Exception {
        Path png = dir.resolve("fig.png");
        Path svg = dir.resolve("fig.svg");

        Cli.Result a = Cli.inProcess("render", "--text", "The cat sat on the mat.", "--top-k", "3", "--encoding",
                "opacity,width", "--camera", "-40,30", "--out", png.toString());
        Cli.Result b = Cli.inProcess("render", "--text", "The cat sat on the mat.", "--top-k", "3", "--heads", "2",
                "--layers", "1..3", "--out", svg.toString());

        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        assertTrue(TestFiles.distinctColours(img, 100) > 20, "PNG looks blank");
        Document doc = TestFiles.parseXml(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        int edges = Integer.parseInt(b.out().replaceAll("(?s).*planes, (\\d+) edges.*", "$1"));
        assertTrue(edges > 0, b.out());
        assertTrue(b.out().startsWith("wrote " + svg + " (3 planes, "), b.out());
        assertTrue(Files.readString(svg).contains("all-minilm-l6-v2.onnx"), "SVG provenance missing");
    }

    @Test
    void render_html_selfContainedPageWithPolicyAndProvenance() throws Exception {
        Path html = dir.resolve("fig.html");

        Cli.Result r = Cli.inProcess("render", "--text", "The cat sat on the mat.", "--top-k", "3", "--out", html.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + html + " (6 planes, "), r.out());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
        assertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "), "no CSP");
        assertTrue(page.contains("all-minilm-l6-v2.onnx"), "provenance missing");
        assertTrue(!page.contains("http://") && !page.contains("https://"), "a network address in the page");
        assertTrue(page.contains("\"label\":[\"[CLS]\",\"the\",\"cat\""), "token labels missing");
    }

    @Test
    void render_badExtensionAndHeadOutOfRange_exit2WithOneSentence() {
        Cli.Result ext = Cli.inProcess("render", "--text", "Hi.", "--out", dir.resolve("fig.jpg").toString());
        assertEquals(2, ext.exitCode());
        assertEquals("attnplanes render: --out " + dir.resolve("fig.jpg") + " must end in .png, .svg or .html.",
                ext.err().strip());

        Cli.Result head = Cli.inProcess("render", "--text", "Hi.", "--heads", "12", "--out",
                dir.resolve("f.svg").toString());
        assertEquals(2, head.exitCode(), head.err());
        assertEquals("attnplanes render: --heads 12 is outside [0, 11] (the model has 12 heads per layer)",
                head.err().strip());
    }

    @Test
    void compareEncodings_fourPanels_writesSvgWithEveryPanelTitle() throws Exception {
        Path svg = dir.resolve("enc.svg");

        Cli.Result r = Cli.inProcess("compare-encodings", "--text", "Dogs bark at night.", "--panels",
                "opacity,colour,width+opacity,length", "--out", svg.toString());

        assertEquals(0, r.exitCode(), r.err());
        String text = Files.readString(svg);
        for (String title : new String[] {"opacity", "colour", "width", "length"}) {
            assertTrue(text.contains(title), "panel " + title + " missing");
        }
        TestFiles.parseXml(svg);
    }
}
