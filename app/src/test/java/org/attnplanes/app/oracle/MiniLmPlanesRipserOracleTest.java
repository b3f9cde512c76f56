package org.attnplanes.app.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.io.BarcodeText;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real attention, external oracle: every head plane of all-MiniLM-L6-v2 on real sentences (d = 1 − max(A, Aᵀ))
 * gives exactly the barcodes of Debian's {@code ripser} 1.2.1 on the same float32 distances. Lives in app because
 * it needs model-io and topology together; {@code scripts/test} installs ripser, so it is never skipped in CI.
 */
class MiniLmPlanesRipserOracleTest {

    @TempDir
    Path dir;

    @Test
    void persistence_everyMiniLmHeadPlane_equalsRipser() throws Exception {
        String shortText = "The quick brown fox jumps over the lazy dog, and the dog just sleeps.";
        String longText = "Persistent homology summarises the shape of data: connected components, loops and voids "
                + "appear and disappear as a threshold grows, and attention matrices of transformers are a rich "
                + "source of such filtrations, layer by layer and head by head, for every sentence we feed them.";
        try (AttentionModel model = AttentionModel.openDefault()) {
            AttentionTrace small = model.capture(shortText);
            AttentionTrace large = model.capture(longText);
            assertTrue(large.tokenCount() > 40, "long sentence has " + large.tokenCount() + " tokens");
            int compared = 0;
            for (int l = 0; l < small.layers(); l++) {
                for (int h = 0; h < small.heads(); h++) {
                    compare(small, l, h, 2);
                    compared++;
                }
            }
            for (int l = 0; l < large.layers(); l++) {
                compare(large, l, 3 * l % large.heads(), 1);
                compared++;
            }
            assertEquals(72 + 6, compared);
        }
    }

    private void compare(AttentionTrace trace, int layer, int head, int dim) throws IOException, InterruptedException {
        Filtration f = Filtration.fromWeights(trace.attention(layer, head));
        Path file = writeLower(f.distances(), "plane_l" + layer + "_h" + head + "_n" + trace.tokenCount() + ".txt");
        Map<Integer, List<String>> expected = ripser(file, dim);
        Barcodes ours = new RipsPersistence(dim).compute(f);
        Map<Integer, List<String>> actual = parseBars(BarcodeText.toRipserText(ours));
        actual.keySet().removeIf(k -> !expected.containsKey(k));
        assertEquals(expected, actual, "layer " + layer + " head " + head + " n " + trace.tokenCount() + " dim " + dim);
    }

    private Path writeLower(DistanceMatrix d, String name) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < d.size(); i++) {
            for (int j = 0; j < i; j++) {
                sb.append(j == 0 ? "" : ",").append(Float.toString(d.distance(i, j)));   // shortest exact float32
            }
            sb.append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static Map<Integer, List<String>> ripser(Path file, int dim) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ripser", "--format", "lower-distance", "--dim", Integer.toString(dim),
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ripser finished on " + file);
        assertEquals(0, p.exitValue(), "ripser exit code on " + file + ": " + out);
        return parseBars(out);
    }

    private static Map<Integer, List<String>> parseBars(String text) {
        Map<Integer, List<String>> bars = BarcodeText.barLines(text);
        bars.values().forEach(l -> l.sort(null));
        return bars;
    }
}
