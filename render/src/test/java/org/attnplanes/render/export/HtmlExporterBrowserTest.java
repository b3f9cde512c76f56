package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML export in a real browser: headless Debian Chromium loads the file over {@code file://}, and the
 * test drives it through the DevTools protocol with real input events (mouse clicks and moves).
 */
class HtmlExporterBrowserTest {

    static final String XSS = "<img src=x onerror=alert(1)>";
    static final String SCRIPT = "</script><script>window.pwned = 1</script>";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        Chromium.require();
    }

    /** 3 layers × 2 heads × 12 tokens, mean heads, all edges kept; tokens 3 and 5 and the provenance carry markup. */
    static MultiPlanarGraph hostileGraph() {
        AttentionTrace t = SyntheticGraphs.trace(3, 2, 12, 7);
        List<Token> tokens = new ArrayList<>(t.tokens());
        Token old = tokens.get(3);
        tokens.set(3, new Token(XSS, old.start(), old.end(), false, old.wordIndex()));
        Token five = tokens.get(5);
        tokens.set(5, new Token(SCRIPT, five.start(), five.end(), false, five.wordIndex()));
        Provenance p = Provenance.synthetic(XSS).with("note", SCRIPT);
        AttentionTrace hostile = AttentionTrace.fromArray("", tokens, 3, 2, t.toArray(), null, Map.of(), p);
        return MultiPlanarGraph.build(hostile, GraphSpec.builder().layout(LayoutKind.CIRCLE).build());
    }

    @Test
    void drawsFiltersByThresholdShowsTokensOnHoverAndRunsNothingInjected() throws Exception {
        MultiPlanarGraph g = hostileGraph();
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH);
        Path file = dir.resolve("fig.html");
        HtmlExporter.write(g, enc, file);
        Scene scene = SceneBuilder.build(g, enc);
        int total = scene.edges().size();

        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try (Chromium c = Chromium.start(1280, 900)) {
            c.send("Page.enable");
            c.send("Network.enable");
            c.send("Page.navigate", Chromium.params().put("url", file.toUri().toString()));
            c.waitFor("document.body && document.body.dataset.ready === 'true'");

            // everything is drawn at threshold 0, and the canvas shows it
            assertEquals(total, c.eval("window.attnplanes.drawnEdges()").asInt());
            JsonNode rect = c.eval("JSON.parse(JSON.stringify(document.getElementById('view').getBoundingClientRect()))");
            BufferedImage shot = screenshot(c);
            double inked = inkedFraction(shot, rect);
            assertTrue(inked > 0.01, "canvas is blank: only " + inked + " of its pixels are not white");

            // a click on the slider track moves the threshold; exactly the edges with |w| >= it stay drawn
            JsonNode slider = c.eval("JSON.parse(JSON.stringify(document.getElementById('threshold').getBoundingClientRect()))");
            c.click(slider.get("left").asDouble() + 0.4 * slider.get("width").asDouble(),
                    slider.get("top").asDouble() + slider.get("height").asDouble() / 2);
            double v = c.eval("Number(document.getElementById('threshold').value)").asDouble();
            assertTrue(v > 0.2 && v < 0.6, "the click should set the slider near 0.4, got " + v);
            c.waitFor("window.attnplanes.drawnEdges() !== " + total);
            long expected = scene.edges().stream().filter(e -> rounded(e) >= v).count();
            assertEquals(expected, c.eval("window.attnplanes.drawnEdges()").asInt());
            assertTrue(expected < total && expected > 0, "threshold " + v + " should hide some but not all edges");
            assertTrue(c.eval("document.getElementById('status').textContent").asText()
                    .startsWith(expected + " of " + total + " edges shown"));
            assertTrue(inkedFraction(screenshot(c), rect) < inked, "fewer edges should put less ink on the canvas");

            // hovering the node of token 3 (the most isolated one on screen) shows its text, as text
            int node = c.eval("(() => { const h = window.attnplanes; let best = -1, gap = -1;"
                    + " for (let i = 0; i < h.nodeCount; i++) { if (h.label(i) !== " + jsString(XSS) + ") continue;"
                    + "  const p = h.screenPosition(i); let near = Infinity;"
                    + "  for (let j = 0; j < h.nodeCount; j++) { if (j === i) continue; const q = h.screenPosition(j);"
                    + "   near = Math.min(near, Math.hypot(p[0] - q[0], p[1] - q[1])); }"
                    + "  if (near > gap) { gap = near; best = i; } } return best; })()").asInt();
            assertTrue(node >= 0, "no node carries token 3");
            JsonNode pos = c.eval("window.attnplanes.screenPosition(" + node + ")");
            c.mouseMove(pos.get(0).asDouble(), pos.get(1).asDouble());
            c.waitFor("!document.getElementById('tip').hidden");
            String tip = c.eval("document.getElementById('tip').textContent").asText();
            assertTrue(tip.startsWith("“" + XSS + "”"), "tooltip should name the token, got: " + tip);
            assertTrue(tip.contains("strongest in"), tip);

            // the markup in tokens and provenance stayed text: no element, no dialog, no script ran
            assertEquals(0, c.eval("document.querySelectorAll('img').length").asInt());
            assertEquals(2, c.eval("document.scripts.length").asInt());
            assertEquals("undefined", c.eval("typeof window.pwned").asText());
            assertTrue(c.eval("document.getElementById('provenance').textContent.includes(" + jsString(XSS) + ")")
                    .asBoolean());
            assertTrue(c.eval("document.getElementById('provenance').textContent.includes(" + jsString(SCRIPT) + ")")
                    .asBoolean());
            assertTrue(c.events(m -> m.equals("Page.javascriptDialogOpening")).isEmpty(), "a dialog opened");

            // the page loaded nothing but itself, and its Content-Security-Policy forbids network access
            for (JsonNode e : c.events(m -> m.equals("Network.requestWillBeSent"))) {
                String url = e.path("params").path("request").path("url").asText();
                assertTrue(url.startsWith("file:") || url.startsWith("data:"), "the page requested " + url);
            }
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String fetched = c.eval("fetch('" + base + "/f').then(() => 'fetched', e => 'blocked')").asText();
            String image = c.eval("new Promise(r => { const i = new Image(); i.onload = () => r('loaded');"
                    + " i.onerror = () => r('blocked'); i.src = '" + base + "/i.png'; })").asText();
            assertEquals("blocked", fetched);
            assertEquals("blocked", image);
            assertEquals(0, hits.get(), "the local server was contacted despite the policy");
            assertFalse(c.eval("document.getElementById('tip').hidden").asBoolean());
        } finally {
            server.stop(0);
        }
    }

    static float rounded(EdgeSegment e) {
        return (float) (Math.round(Math.abs(e.weight()) * 1e5) / 1e5);
    }

    static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static BufferedImage screenshot(Chromium c) throws java.io.IOException {
        String b64 = c.send("Page.captureScreenshot", Chromium.params().put("format", "png")).path("data").asText();
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
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
