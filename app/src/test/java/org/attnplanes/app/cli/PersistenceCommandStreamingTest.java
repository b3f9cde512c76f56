package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.io.BarcodeText;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: {@code persistence} prints each dimension as soon as it is done, so a killed run keeps those. */
class PersistenceCommandStreamingTest {

    @TempDir
    Path dir;

    private static float[] uniform(int n, long seed) {
        Random r = new Random(seed);
        float[] lower = new float[n * (n - 1) / 2];
        for (int k = 0; k < lower.length; k++) {
            lower[k] = r.nextFloat();
        }
        return lower;
    }

    private Path write(int n, float[] lower) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 1, k = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                sb.append(j == 0 ? "" : ",").append(lower[k++]);
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve("m.txt"), sb.toString());
    }

    @Test
    void killedDuringDimension3_keepsDimensions0And1Complete() throws Exception {
        // i.i.d. uniform, n = 100: H0-H1 take well under a second, H3 takes minutes
        int n = 100;
        float[] lower = uniform(n, 7);
        Path in = write(n, lower);
        String expected = BarcodeText.toRipserText(
                new RipsPersistence(1).compute(Filtration.fromDistances(DistanceMatrix.fromLowerTriangular(n, lower))));
        Process p = Cli.start(dir, List.of("persistence", "--input", in.toString(), "--dim", "3"));
        Path out = dir.resolve("stdout.txt");
        try {
            // dimension 2's heading is printed after dimension 1 was flushed whole: wait for it on stdout's events
            boolean dim2 = Cli.awaitFiles(dir, p, 300,
                    () -> Cli.read(out).contains("persistence intervals in dim 2:"));
            assertTrue(dim2, "no dimension 2 on stdout; stderr: " + Cli.read(dir.resolve("stderr.txt")));
            assertTrue(p.isAlive(), "the H3 run should still be going");
        } finally {
            p.destroyForcibly().waitFor();
        }
        String text = Cli.read(out);
        assertTrue(text.startsWith("value range: ["), text.substring(0, Math.min(200, text.length())));
        assertFalse(text.contains("persistence intervals in dim 3:"), "dimension 3 cannot be done yet");
        int from = text.indexOf("persistence intervals in dim 0:");
        int to = text.indexOf("persistence intervals in dim 2:");
        String dims01 = to < 0 ? text.substring(from) : text.substring(from, to);
        assertEquals(expected, dims01, "dimensions 0 and 1 as printed before the kill");
    }

    @Test
    void eachDimension_deliveredInOrderAndEqualToTheResult() {
        int n = 40;
        Filtration f = Filtration.fromDistances(DistanceMatrix.fromLowerTriangular(n, uniform(n, 8)));
        List<Barcode> seen = new java.util.ArrayList<>();
        Barcodes all = new RipsPersistence(3).compute(f, seen::add);
        assertEquals(all.byDimension(), seen);
        assertEquals(List.of(0, 1, 2, 3), seen.stream().map(Barcode::dimension).toList());
    }
}
