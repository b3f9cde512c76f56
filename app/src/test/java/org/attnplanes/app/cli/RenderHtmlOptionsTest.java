package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render --out x.html} honours the figure options that mean something for a page and checks them as for a
 * PNG: the page opens at {@code --camera}, carries {@code --title} (escaped), starts with token labels hidden under
 * {@code --labels none}, and says in its legend what the long-input defaults hid; a bad {@code --camera} or
 * {@code --labels} exits 2 with the PNG's sentence and writes nothing (the page used to ignore them all).
 */
class RenderHtmlOptionsTest {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"attnplanes-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    private static JsonNode data(String page) throws Exception {
        Matcher m = DATA.matcher(page);
        assertTrue(m.find(), "no data block");
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void cameraTitleAndLabels_reachThePage() throws Exception {
        Path html = dir.resolve("fig.html");
        Cli.Result r = Cli.inProcess("render", "--text", "The cat sat on the mat.", "--camera", "30,20,9",
                "--title", "Cats <b>&</b> mats", "--labels", "none", "--out", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        String page = Files.readString(html);
        JsonNode camera = data(page).get("camera");
        assertEquals(30, camera.get("yaw").asDouble(), 1e-9);
        assertEquals(20, camera.get("pitch").asDouble(), 1e-9);
        assertEquals(9, camera.get("distance").asDouble(), 1e-9);
        assertTrue(page.contains("<title>Cats &lt;b&gt;&amp;&lt;/b&gt; mats</title>"), "title, escaped");
        assertTrue(page.contains("<input type=\"checkbox\" id=\"labels\"> token labels"), "labels start hidden");

        Path plain = dir.resolve("plain.html");
        assertEquals(0, Cli.inProcess("render", "--text", "The cat sat on the mat.", "--out", plain.toString())
                .exitCode());
        String defaults = Files.readString(plain);
        assertTrue(defaults.contains("<input type=\"checkbox\" id=\"labels\" checked> token labels"));
        assertTrue(Math.abs(data(defaults).get("camera").get("yaw").asDouble() - 30) > 1, "default camera differs");
    }

    @Test
    void badCameraOrLabels_exit2WithTheFigureSentence_nothingWritten() {
        for (String[] bad : new String[][] {{"--camera", "foo"}, {"--labels", "bogus"}, {"--size", "3"}}) {
            Path html = dir.resolve("bad.html");
            Path png = dir.resolve("bad.png");
            Cli.Result page = Cli.inProcess("render", "--text", "The cat sat.", bad[0], bad[1], "--out", html.toString());
            Cli.Result figure = Cli.inProcess("render", "--text", "The cat sat.", bad[0], bad[1], "--out", png.toString());
            assertEquals(2, page.exitCode(), bad[0] + ": " + page.err());
            assertEquals(2, figure.exitCode(), figure.err());
            assertEquals(figure.err().strip(), page.err().strip(), "the same sentence for a page and a figure");
            assertTrue(page.err().contains(bad[0] + " " + bad[1]), page.err());
            assertTrue(Files.notExists(html), "nothing written");
        }
    }

    @Test
    void longInput_legendSaysWhatTheDefaultsHid() throws Exception {
        StringBuilder text = new StringBuilder();
        String[] words = "the cat sat on a mat while dogs ran over green hills".split(" ");
        for (int i = 0; i < 270; i++) {
            text.append(words[i % words.length]).append(i % 17 == 16 ? ". " : " ");
        }
        Path html = dir.resolve("long.html");
        Cli.Result r = Cli.inProcess("render", "--text", text.toString(), "--out", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        String page = Files.readString(html);
        assertTrue(page.matches("(?s).*<li>auto: top-3 edges per token for \\d+ tokens \\(≥ 256; give --top-k, --mass or"
                + " --threshold to choose\\), residual links hidden \\(--links to show\\)</li>.*"),
                "the long-input note is in the page's legend");
    }
}
