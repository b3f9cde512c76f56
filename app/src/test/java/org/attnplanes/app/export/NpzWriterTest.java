package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzWriterTest {

    @TempDir
    Path dir;

    @Test
    void write_twoArrays_numpyReadsShapesAndValues() throws Exception {
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        assumeTrue(Files.isExecutable(Path.of(python)), "needs " + python + " with numpy");
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
}
