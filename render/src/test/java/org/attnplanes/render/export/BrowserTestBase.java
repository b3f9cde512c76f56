package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTML export's browser tests share: a temporary directory for the pages, real headless Chromium
 * ({@link Chromium#require}: the class fails without it where scripts/test demands the oracles, else is skipped), and
 * the steps they take on a page as a user would (click an element's centre, click the threshold slider, hover a
 * node and read the tooltip, measure the ink on the canvas).
 */
abstract class BrowserTestBase {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        Chromium.require();
    }

    /** Writes the page of {@code g} with {@code enc} into the test's directory under {@code name}. */
    Path write(MultiPlanarGraph g, EncodingSpec enc, String name) throws IOException {
        Path file = dir.resolve(name);
        HtmlExporter.write(g, enc, file);
        return file;
    }

    /** A JavaScript string literal of {@code s}. */
    static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The bounding rectangle (left, top, right, bottom, width, height) of the element {@code selector} names. */
    static JsonNode rect(Chromium c, String selector) {
        return c.eval("JSON.parse(JSON.stringify(document.querySelector(" + jsString(selector)
                + ").getBoundingClientRect()))");
    }

    /** A real click in the middle of the element {@code selector} names. */
    static void clickCentre(Chromium c, String selector) {
        JsonNode r = rect(c, selector);
        c.click(r.get("left").asDouble() + r.get("width").asDouble() / 2,
                r.get("top").asDouble() + r.get("height").asDouble() / 2);
    }

    /**
     * A real click on the threshold slider's track at {@code fraction} of its width; waits until the page draws
     * another number of edges than {@code drawnBefore} and returns the threshold the click set.
     */
    static double clickThreshold(Chromium c, double fraction, int drawnBefore) {
        JsonNode slider = rect(c, "#threshold");
        c.click(slider.get("left").asDouble() + fraction * slider.get("width").asDouble(),
                slider.get("top").asDouble() + slider.get("height").asDouble() / 2);
        double v = c.eval("Number(document.getElementById('threshold').value)").asDouble();
        c.waitFor("window.attnplanes.drawnEdges() !== " + drawnBefore);
        return v;
    }

    /**
     * Checks that the page draws exactly the scene's edges whose |weight| (rounded as the page stores it) is at
     * least {@code threshold}, and returns their number.
     */
    static long assertDrawnAtThreshold(Chromium c, Scene scene, double threshold) {
        long expected = scene.edges().stream().filter(e -> rounded(e) >= threshold).count();
        assertEquals(expected, c.eval("window.attnplanes.drawnEdges()").asInt(), "edges drawn at " + threshold);
        return expected;
    }

    /** An edge's |weight| as the page stores it (5 decimals). */
    static float rounded(EdgeSegment e) {
        return (float) (Math.round(Math.abs(e.weight()) * 1e5) / 1e5);
    }

    /**
     * The node farthest on screen from its nearest other node, among those labelled {@code label} (any node if
     * null); −1 if none.
     */
    static int mostIsolatedNode(Chromium c, String label) {
        String skip = label == null ? "" : "if (h.label(i) !== " + jsString(label) + ") continue;";
        return c.eval("(() => { const h = window.attnplanes; let best = -1, gap = -1;"
                + " for (let i = 0; i < h.nodeCount; i++) { " + skip + " const p = h.screenPosition(i);"
                + "  let near = Infinity;"
                + "  for (let j = 0; j < h.nodeCount; j++) { if (j === i) continue; const q = h.screenPosition(j);"
                + "   near = Math.min(near, Math.hypot(p[0] - q[0], p[1] - q[1])); }"
                + "  if (near > gap) { gap = near; best = i; } } return best; })()").asInt();
    }

    /** The label the page gives node {@code node}. */
    static String label(Chromium c, int node) {
        return c.eval("window.attnplanes.label(" + node + ")").asText();
    }

    /** Moves the mouse onto node {@code node} where the page draws it now; returns the tooltip once it shows. */
    static String hoverNode(Chromium c, int node) {
        JsonNode pos = c.eval("window.attnplanes.screenPosition(" + node + ")");
        return hover(c, pos.get(0).asDouble(), pos.get(1).asDouble());
    }

    /** Moves the mouse to {@code (x, y)}; returns the tooltip once it shows. */
    static String hover(Chromium c, double x, double y) {
        c.mouseMove(x, y);
        c.waitFor("!document.getElementById('tip').hidden");
        return c.eval("document.getElementById('tip').textContent").asText();
    }

    /** A screenshot of the page. */
    static BufferedImage screenshot(Chromium c) throws IOException {
        String b64 = c.send("Page.captureScreenshot", Chromium.params().put("format", "png")).path("data").asText();
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
    }

    /** The fraction of the canvas ({@code #view}) that a screenshot shows visibly darker than white. */
    static double canvasInk(Chromium c) throws IOException {
        return inkedFraction(screenshot(c), rect(c, "#view"));
    }

    /** The fraction of the rectangle's pixels that are visibly darker than white. */
    static double inkedFraction(BufferedImage img, JsonNode rect) {
        int x0 = (int) Math.ceil(rect.get("left").asDouble()) + 2;
        int y0 = (int) Math.ceil(rect.get("top").asDouble()) + 2;
        int x1 = Math.min(img.getWidth(), (int) Math.floor(rect.get("right").asDouble()) - 2);
        int y1 = Math.min(img.getHeight(), (int) Math.floor(rect.get("bottom").asDouble()) - 2);
        long inked = 0;
        long all = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                int min = Math.min((rgb >> 16) & 0xFF, Math.min((rgb >> 8) & 0xFF, rgb & 0xFF));
                inked += min < 200 ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? 0 : (double) inked / all;
    }
}
