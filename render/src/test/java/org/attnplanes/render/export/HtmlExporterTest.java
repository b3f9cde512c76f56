package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.Test;

/** The HTML export's markup, policy and data block, without a browser (see {@link HtmlExporterBrowserTest}). */
class HtmlExporterTest {

    @Test
    void page_hostileStrings_appearOnlyEscaped() {
        String page = HtmlExporter.html(HtmlExporterBrowserTest.hostileGraph(), EncodingSpec.of(Encoding.OPACITY));

        assertFalse(page.contains(HtmlExporterBrowserTest.XSS), "raw token markup in the page");
        assertFalse(page.contains("<img"), "an img element in the page");
        assertFalse(page.contains("window.pwned = 1</script>"), "the provenance closed a script element");
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "the provenance table lost the text");
        assertTrue(page.contains("\\u003cimg src=x onerror=alert(1)\\u003e"), "the data block lost the token");
        assertEquals(2, count(page, "<script"), "one data block and one script expected");
    }

    @Test
    void policy_allowsExactlyTheInlineScriptAndStyle_byHash() throws Exception {
        String page = HtmlExporter.html(SyntheticGraphs.graph(2, 2, 6, 1, GraphSpec.builder().build()),
                EncodingSpec.of(Encoding.COLOUR));
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page);
        assertTrue(script.find() && style.find());

        String csp = "default-src 'none'; script-src 'sha256-" + sha256(script.group(1)) + "'; style-src 'sha256-"
                + sha256(style.group(1)) + "'; img-src data:; base-uri 'none'; form-action 'none'";
        assertTrue(page.contains("content=\"" + csp + "\""), "policy does not match the inline script and style");
    }

    @Test
    void data_holdsEveryKeptEdgeOnce_andTheLengthLayout() {
        MultiPlanarGraph g = SyntheticGraphs.graph(3, 2, 9, 4, GraphSpec.builder().topK(3).build());
        String page = HtmlExporter.html(g, EncodingSpec.of(Encoding.WIDTH));
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.WIDTH));

        String w = between(page, "\"edges\":{", "}");
        String weights = between(w, "\"w\":[", "]");
        assertEquals(s.edges().size(), weights.split(",").length);
        for (int k = 0; k < s.edges().size(); k++) {
            assertEquals(s.edges().get(k).weight(), Double.parseDouble(weights.split(",")[k]), 5e-6);
        }
        assertTrue(page.contains("\"lx\":["), "length layout missing");
    }

    @Test
    void html_lengthSceneWithOtherNodes_isRejected() {
        Scene a = SceneBuilder.build(SyntheticGraphs.graph(1, 1, 5, 1, GraphSpec.builder().build()),
                EncodingSpec.of(Encoding.OPACITY));
        Scene b = SceneBuilder.build(SyntheticGraphs.graph(1, 1, 6, 1, GraphSpec.builder().build()),
                EncodingSpec.of(Encoding.OPACITY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HtmlExporter.html(a, b, EncodingSpec.of(Encoding.OPACITY), false));
        assertEquals("length scene has 6 nodes but the scene has 5", e.getMessage());
    }

    @Test
    void jsonNumber_roundTripsWithinHalfAUnitOfTheLastDecimal() {
        SplittableRandom r = new SplittableRandom(15);
        for (int i = 0; i < 20_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-8, 9));
            int d = r.nextInt(0, 7);
            String s = new JsonText(16).number(v, d).toString();
            double back = Double.parseDouble(s);
            double tolerance = Math.abs(v) >= 1e9 ? Math.abs(v) * 1e-5 : 0.5 * Math.pow(10, -d) * 1.0001 + 8 * Math.ulp(v);
            assertEquals(v, back, tolerance, s + " for " + v + " at " + d + " decimals");
            assertFalse(s.endsWith(".") || (s.contains(".") && !s.contains("e") && s.endsWith("0")), s);
        }
        assertEquals("null", new JsonText(4).number(Double.NaN, 3).toString());
    }

    @Test
    void jsonString_escapesMarkupAndSeparators() {
        assertEquals("\"\\u003c/script\\u003e \\u0026 \\\" \\\\ \\n \\u2028\"",
                new JsonText(8).string("</script> & \" \\ \n \u2028").toString());
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from) + from.length();
        return s.substring(a, s.indexOf(to, a));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String sha256(String s) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
