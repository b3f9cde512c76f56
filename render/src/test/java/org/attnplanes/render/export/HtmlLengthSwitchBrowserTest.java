package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;

/**
 * The page's encoding switch in headless Chromium, with the length layout included (small input: AUTO computes
 * it) and left out (long input: AUTO skips the O(n³) layout): clicking the boxes really restyles or moves what
 * is drawn, and a page without the length layout disables that box and says why.
 */
class HtmlLengthSwitchBrowserTest extends BrowserTestBase {

    /** A real click on the encoding box {@code value}. */
    private static void click(Chromium c, String value) {
        clickCentre(c, "input[name=encoding][value=" + value + "]");
    }

    /** Where four of the nodes are drawn, rounded to pixels, as a JSON text. */
    private static final String POSITIONS = "JSON.stringify([0, 3, 7, 11].map(i => window.attnplanes.screenPosition(i)"
            + ".map(v => Math.round(v))))";

    private static String positions(Chromium c) {
        return c.eval(POSITIONS).asText();
    }

    @Test
    void smallInput_lengthBoxMovesTheNodes_andBack() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(3, 2, 12, 4, GraphSpec.builder().layout(LayoutKind.CIRCLE).build());
        assertTrue(HtmlExporter.includesLength(g, EncodingSpec.of(Encoding.OPACITY), HtmlExporter.LengthLayout.AUTO));
        Path file = write(g, EncodingSpec.of(Encoding.OPACITY), "small.html");
        try (Chromium c = Chromium.openPage(file)) {
            assertFalse(c.eval("document.querySelector('input[value=length]').disabled").asBoolean());
            assertEquals(0, c.eval("document.querySelectorAll('#length-note').length").asInt());
            String circle = positions(c);
            click(c, "length");
            c.waitFor("document.querySelector('input[value=length]').checked");
            c.waitFor(POSITIONS + " !== " + jsString(circle));
            assertTrue(c.eval("document.getElementById('legend-encoding').textContent").asText()
                    .contains("distance layout"));
            click(c, "length");
            c.waitFor("!document.querySelector('input[value=length]').checked");
            // the page redraws on the next animation frame: the nodes return to the circle
            c.waitFor(POSITIONS + " === " + jsString(circle));
            assertEquals(circle, positions(c));
        }
    }

    @Test
    void lineLayout_drawsItsEdgesAsArcs_thatPutInkAboveTheLine() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(2, 1, 16, 4, GraphSpec.builder().layout(LayoutKind.LINE).topK(3)
                .links().build());
        Path file = write(g, EncodingSpec.of(Encoding.OPACITY), "line.html");
        try (Chromium c = Chromium.openPage(file)) {
            double withEdges = canvasInk(c);
            c.eval("(() => { const s = document.getElementById('threshold'); s.value = '1';"
                    + " s.dispatchEvent(new Event('input')); return 0; })()");
            c.waitFor("window.attnplanes.drawnEdges() < " + g.planes().size());
            double without = canvasInk(c);
            // straight edges would lie on the token line, adding almost no ink; arcs sweep the plane
            assertTrue(withEdges > 2 * without, "edges add too little ink: " + withEdges + " vs " + without);
        }
    }

    @Test
    void longInput_withoutLengthLayout_disablesOnlyThatBox_andTheOthersStillSwitch() throws Exception {
        int n = HtmlExporter.LengthLayout.AUTO_TOKENS + 12;
        MultiPlanarGraph g = SyntheticGraphs.graph(2, 2, n, 4, GraphSpec.builder().layout(LayoutKind.CIRCLE).topK(2)
                .build());
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY);
        assertFalse(HtmlExporter.includesLength(g, enc, HtmlExporter.LengthLayout.AUTO));
        assertTrue(HtmlExporter.includesLength(g, EncodingSpec.of(Encoding.LENGTH), HtmlExporter.LengthLayout.AUTO));
        Path file = write(g, enc, "long.html");
        String page = Files.readString(file);
        assertFalse(page.contains("\"lx\""), "no length positions in the page");
        assertTrue(page.contains("id=\"length-note\""));
        try (Chromium c = Chromium.openPage(file)) {
            assertTrue(c.eval("document.querySelector('input[value=length]').disabled").asBoolean());
            assertTrue(c.eval("document.getElementById('length-note').textContent").asText()
                    .contains("export with the length encoding"));
            String before = positions(c);
            click(c, "length");                                  // disabled: nothing happens
            assertFalse(c.eval("document.querySelector('input[value=length]').checked").asBoolean());
            assertEquals(before, positions(c));
            // colour and width still switch: the legend line follows the boxes
            click(c, "colour");
            c.waitFor("/colour [a-z]+ ∝/.test(document.getElementById('legend-encoding').textContent)");
            click(c, "width");
            c.waitFor("/width [0-9.]+–/.test(document.getElementById('legend-encoding').textContent)");
            click(c, "opacity");
            c.waitFor("!/opacity [0-9.]+–/.test(document.getElementById('legend-encoding').textContent)");
            assertEquals(before, positions(c));
        }
        Path with = dir.resolve("with-length.html");
        HtmlExporter.write(g, enc, HtmlExporter.LengthLayout.INCLUDE, with);
        assertTrue(Files.readString(with).contains("\"lx\""));
    }
}
