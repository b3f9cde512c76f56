package org.attnplanes.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.model.DefaultModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code attnplanes capture} in-process on the embedded model. */
class CaptureCommandTest {

    @TempDir
    Path dir;

    @Test
    void capture_json_writesTokensAttentionAndProvenance() throws Exception {
        Path out = dir.resolve("t.json");
        Cli.Result r = Cli.inProcess("capture", "--threads", "1", "--text", "The cat sat.", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + out + " (6 layers × 12 heads × 6 tokens)"), r.out());
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertEquals(DefaultModel.MODEL_SHA256, root.get("provenance").get("model_sha256").asText());
        assertEquals("The cat sat.", root.get("text").asText());
        assertEquals(6, root.get("tokens").size());
        assertEquals("[CLS]", root.get("tokens").get(0).get("text").asText());
        assertEquals("cat", root.get("tokens").get(2).get("text").asText());
        assertEquals(4, root.get("tokens").get(2).get("start").asInt());
        JsonNode att = root.get("attention");
        assertEquals(6, att.size());
        assertEquals(12, att.get(0).size());
        for (JsonNode layer : att) {
            for (JsonNode head : layer) {
                assertEquals(6, head.size());
                for (JsonNode row : head) {
                    double s = 0;
                    for (JsonNode w : row) {
                        s += w.asDouble();
                    }
                    assertEquals(1.0, s, 1e-4);
                }
            }
        }
        assertFalse(root.has("value_norms"));
    }

    @Test
    void capture_npz_isReadableByNumPy() throws Exception {
        Path out = dir.resolve("t.npz");
        Cli.Result r = Cli.inProcess("capture", "--threads", "1", "--value-norms", "--text", "Héllo wörld, again.",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "a = z['attention']",
                "assert a.dtype == np.float32, a.dtype",
                "n = len(z['tokens'])",
                "assert a.shape == (6, 12, n, n), a.shape",
                "assert np.allclose(a.sum(axis=3), 1, atol=1e-4)",
                "assert z['value_norms'].shape == (6, 12, n)",
                "assert z['offsets'].shape == (n, 2)",
                "assert z['special'][0] and z['special'][-1] and not z['special'][1]",
                "p = json.loads(str(z['provenance']))",
                "print(n, z['tokens'][1], p['model'], int(z['word_index'][-1]))");
        Process p = new ProcessBuilder(python, "-c", script, out.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), "numpy check failed (is python3-numpy installed?): " + output);
        assertEquals("7 hello all-minilm-l6-v2.onnx 6", output);
    }

    @Test
    void capture_unknownExtension_exits2WithOneSentence() {
        Path out = dir.resolve("t.csv");
        Cli.Result r = Cli.inProcess("capture", "--text", "x", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertEquals("attnplanes capture: --out " + out + " has an unknown extension; use .json or .npz.",
                r.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void capture_missingModel_exits2WithoutStackTrace() {
        Path model = dir.resolve("missing.onnx");
        Path out = dir.resolve("t.json");
        Cli.Result r = Cli.inProcess("capture", "--model", model.toString(), "--text", "x", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertEquals("attnplanes capture: model file " + model + " does not exist.", r.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void capture_emptyTextAndBadThreads_exit2NamingTheValue() {
        Path out = dir.resolve("t.json");
        Cli.Result r = Cli.inProcess("capture", "--threads", "1", "--text", "", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertEquals("attnplanes capture: text is empty; give at least one word to capture.", r.err().strip());
        r = Cli.inProcess("capture", "--threads", "-3", "--text", "a", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertEquals("attnplanes capture: --threads -3 must be in [0, 1024] (0 = one per core)", r.err().strip());
        assertEquals(List.of(), List.of(dir.toFile().list()));
    }
}
