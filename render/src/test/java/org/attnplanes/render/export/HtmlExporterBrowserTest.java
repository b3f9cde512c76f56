package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.Test;

/**
 * The HTML export in a real browser: headless Debian Chromium loads the file over {@code file://}, and the
 * test drives it through the DevTools protocol with real input events (mouse clicks and moves).
 */
class HtmlExporterBrowserTest extends BrowserTestBase {

    static final String XSS = "<img src=x onerror=alert(1)>";
    static final String SCRIPT = "</script><script>window.pwned = 1</script>";

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
        Path file = write(g, enc, "fig.html");
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
            double inked = canvasInk(c);
            assertTrue(inked > 0.01, "canvas is blank: only " + inked + " of its pixels are not white");

            // a click on the slider track moves the threshold; exactly the edges with |w| >= it stay drawn
            double v = clickThreshold(c, 0.4, total);
            assertTrue(v > 0.2 && v < 0.6, "the click should set the slider near 0.4, got " + v);
            long expected = assertDrawnAtThreshold(c, scene, v);
            assertTrue(expected < total && expected > 0, "threshold " + v + " should hide some but not all edges");
            assertTrue(c.eval("document.getElementById('status').textContent").asText()
                    .startsWith(expected + " of " + total + " edges shown"));
            assertTrue(canvasInk(c) < inked, "fewer edges should put less ink on the canvas");

            // hovering the node of token 3 (the most isolated one on screen) shows its text, as text
            int node = mostIsolatedNode(c, XSS);
            assertTrue(node >= 0, "no node carries token 3");
            String tip = hoverNode(c, node);
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
}
