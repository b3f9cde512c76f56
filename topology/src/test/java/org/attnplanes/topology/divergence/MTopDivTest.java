package org.attnplanes.topology.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.attnplanes.topology.testing.PythonOracle;
import org.junit.jupiter.api.Test;

class MTopDivTest {

    /** The published matrix (d = 1 − clip(w, 0), diag 0, min(d, dᵀ), prompt block 0), built independently. */
    private static DistanceMatrix publishedMatrix(AttentionMatrix a, int p) {
        int n = a.size();
        float[] lower = new float[n * (n - 1) / 2];
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                float dij = 1f - Math.max(a.weight(i, j), 0f);
                float dji = 1f - Math.max(a.weight(j, i), 0f);
                lower[k++] = i < p && j < p ? 0f : Math.min(dij, dji);
            }
        }
        return DistanceMatrix.fromLowerTriangular(n, lower);
    }

    @Test
    void equalsTheH0BarcodeTotalOfThePublishedMatrix() {
        Random r = new Random(11);
        for (int t = 0; t < 60; t++) {
            int n = 2 + r.nextInt(40);
            int p = r.nextInt(n);
            AttentionMatrix a = PythonOracle.attention(n, 100 + t, t % 2 == 0, 1 + r.nextDouble() * 3, t % 5 == 0);
            Barcodes b = new RipsPersistence(0).compute(Filtration.fromDistances(publishedMatrix(a, p)));
            double total = 0;
            for (PersistenceInterval iv : b.intervals(0)) {
                if (!iv.isEssential()) {
                    total += iv.death() - iv.birth();
                }
            }
            assertEquals(total / (n - p), MTopDiv.score(a, p), 1e-12, "n=" + n + " p=" + p);
        }
    }

    @Test
    void handWorkedExample() {
        // 3 tokens, prompt = token 0; w(1,0) = 0.6 → d = 0.4; w(2,1) = 0.7 → d = 0.3; w(2,0) = 0.1 → d = 0.9
        AttentionMatrix a = AttentionMatrix.of(new float[][] {{1f, 0f, 0f}, {0.6f, 0.4f, 0f}, {0.1f, 0.7f, 0.2f}});
        double expected = ((1f - 0.6f) + (1f - 0.7f)) / 2.0;
        assertEquals(expected, MTopDiv.score(a, 1), 0);
        // the prompt block collapses: with prompt {0, 1}, token 2 attaches at min(0.9, 0.3)
        assertEquals(1f - 0.7f, MTopDiv.score(a, 2), 0);
        // no prompt: plain MST / n
        assertEquals(((1f - 0.6f) + (1f - 0.7f)) / 3.0, MTopDiv.score(a, 0), 1e-15);
    }

    @Test
    void rejectsAnEmptyResponse() {
        AttentionMatrix a = PythonOracle.attention(4, 1, true, 1, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MTopDiv.score(a, 4));
        assertEquals(true, e.getMessage().contains("promptLength = 4"));
        assertThrows(IllegalArgumentException.class, () -> MTopDiv.score(a, -1));
    }

    /**
     * The authors' formula re-run in NumPy on the same float32 matrices, H0 barcode from GUDHI (to 1e-12) and from
     * the Ripser binary (to its printed precision).
     */
    @Test
    void agreesWithThePublishedCodeRerunInPython() {
        assumeTrue(PythonOracle.has("numpy", "gudhi"), "numpy/gudhi not available");
        Random r = new Random(7);
        StringBuilder in = new StringBuilder();
        List<double[]> expected = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            int n = 2 + r.nextInt(48);
            int p = t % 7 == 0 ? 0 : r.nextInt(n);
            AttentionMatrix a = PythonOracle.attention(n, 500 + t, t % 3 != 0, 0.5 + r.nextDouble() * 4, t % 4 == 0);
            in.append(n).append(' ').append(p).append('\n');
            PythonOracle.append(in, a);
            expected.add(new double[] {MTopDiv.score(a, p), n, p});
        }
        String[] got = PythonOracle.run("mtopdiv_oracle.py", in.toString()).strip().split("\n");
        assertEquals(expected.size(), got.length);
        int viaRipser = 0;
        for (int t = 0; t < got.length; t++) {
            String[] parts = got[t].split(" ");
            double py = Double.parseDouble(parts[0]);
            double[] e = expected.get(t);
            assertEquals(py, e[0], 1e-12 * Math.max(1, Math.abs(py)), "case " + t + " n=" + e[1] + " p=" + e[2]);
            if (!parts[1].equals("-")) {
                // ripser prints 6 significant digits per bar
                assertEquals(Double.parseDouble(parts[1]), e[0], 1e-5, "ripser, case " + t);
                viaRipser++;
            }
        }
        assertEquals(true, viaRipser > 0 || !org.attnplanes.topology.testing.Oracles.hasRipser(),
                "the ripser comparison ran");
    }
}
