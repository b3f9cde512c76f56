package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The app's one .npz writer against real NumPy ({@code numpy.load}). */
class NpzWriterTest {

    @TempDir
    Path dir;

    @Test
    void write_twoArrays_numpyReadsShapesAndValues() throws Exception {
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        needsNumpy(python);
        Path f = dir.resolve("x.npz");
        float[] a = new float[2 * 3 * 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 0.5f;
        }
        new NpzWriter().add("planes", new int[] {2, 3, 4}, a).add("v", new int[] {3}, new float[] {1, 2, 3}).write(f);

        Process p = new ProcessBuilder(python, "-c", "import numpy as np, sys; z = np.load(sys.argv[1]);"
                + " print(z['planes'].shape, z['planes'].dtype, z['planes'][1, 2, 3], z['v'].tolist())", f.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(60, TimeUnit.SECONDS);

        assertEquals("(2, 3, 4) float32 11.5 [1.0, 2.0, 3.0]", out);
    }

    @Test
    void write_everyType_numpyReadsDtypesShapesAndValues() throws Exception {
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        needsNumpy(python);
        Path f = dir.resolve("all.npz");
        new NpzWriter()
                .addFloatChunks("planes", new int[] {3, 2, 2}, 3, c -> new float[] {c, c + 0.25f, c + 0.5f, c + 0.75f})
                .addInt("offsets", new int[] {2, 2}, new int[] {0, 3, -1, -1})
                .addBool("special", new int[] {3}, new boolean[] {true, false, true})
                .addText("tokens", new int[] {3}, List.of("[CLS]", "wörld", "𝄞"))
                .addText("provenance", new int[0], List.of("{\"model\": \"m.onnx\"}"))
                .addFloatChunks("empty", new int[] {0, 4}, 0, c -> new float[0])
                .write(f);
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "print(z['planes'].dtype, z['planes'].shape, z['planes'][2, 1, 0],",
                "      z['offsets'].dtype, z['offsets'].tolist(), z['special'].dtype, z['special'].tolist(),",
                "      z['tokens'].dtype, '|'.join(z['tokens']), json.loads(str(z['provenance']))['model'],",
                "      z['empty'].shape)");
        Process p = new ProcessBuilder(python, "-c", script, f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);

        assertEquals("float32 (3, 2, 2) 2.5 int32 [[0, 3], [-1, -1]] bool [True, False, True] <U5 "
                + "[CLS]|wörld|𝄞 m.onnx (0, 4)", out);
    }

    @Test
    void write_chunksShortOfShape_failsNamingCountsAndLeavesNoFile() {
        Path f = dir.resolve("short.npz");
        NpzWriter w = new NpzWriter().addFloatChunks("attention", new int[] {2, 3}, 1, c -> new float[5]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(f));
        assertEquals("npz array attention: shape [2, 3] holds 6 values but its 1 chunks gave 5", e.getMessage());
        assertFalse(Files.exists(f), "a half-written archive was left behind");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "2x; 2; npz array name \"2x\" must be an identifier",
        "a; 4; npz array a: shape [2, 3] holds 6 values but data has 4"})
    void add_badNameOrShape_failsNamingValue(String name, int length, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NpzWriter().add(name, name.equals("a") ? new int[] {2, 3} : new int[] {2}, new float[length]));
        assertEquals(message, e.getMessage());
    }

    @Test
    void add_sameNameTwice_failsNamingIt() {
        NpzWriter w = new NpzWriter().addInt("x", new int[] {1}, new int[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.addBool("x", new int[] {1}, new boolean[] {true}));
        assertEquals("npz array name \"x\" is already in the archive", e.getMessage());
    }

    /** Skips without the oracle python, except under scripts/test (ATTNPLANES_REQUIRE_ORACLES=1), which fails. */
    private static void needsNumpy(String python) {
        boolean present = Files.isExecutable(Path.of(python));
        if (!present && "1".equals(System.getenv("ATTNPLANES_REQUIRE_ORACLES"))) {
            throw new AssertionError(python + " (with numpy) is missing, but ATTNPLANES_REQUIRE_ORACLES=1");
        }
        assumeTrue(present, "needs " + python + " with numpy");
    }
}
