package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.testing.PythonOracle;
import org.junit.jupiter.api.Test;

class LapEigvalsTest {

    /** The published unit test's fixture: 2 layers, 3 identical heads, [[1, 0], [0.5, 0.5]]. */
    @Test
    void thePublishedFixture() {
        AttentionMatrix a = AttentionMatrix.of(new float[][] {{1f, 0f}, {0.5f, 0.5f}});
        AttentionMatrix[][] att = {{a, a, a}, {a, a, a}};
        for (int h = 0; h < 3; h++) {
            double[][] d = LapEigvals.diagonal(att, h);
            assertEquals((1.0 + 1.0 + 0.5) / 3 - 1.0, d[0][0], 1e-12);
            assertEquals((0.5 + 0.5) / 2 - 0.5, d[0][1], 1e-12);
            assertEquals(0.5, d[1][0], 1e-12);
            assertEquals(0.0, d[1][1], 1e-12);
        }
        double[][][] top = LapEigvals.topK(att, 3);
        assertEquals(0.5, top[1][0][0], 1e-12);
        assertEquals(0.0, top[1][0][1], 1e-12);
        assertEquals(true, Double.isNaN(top[1][0][2]));
    }

    @Test
    void needsTwoLayers() {
        AttentionMatrix a = AttentionMatrix.of(new float[][] {{1f}});
        assertThrows(IllegalArgumentException.class, () -> LapEigvals.diagonal(new AttentionMatrix[][] {{a}}, 0));
    }

    /**
     * Against NumPy: the port of the published diagonal, and the eigenvalues of the full multi-layer Laplacian
     * (numpy.linalg.eigvals), which for causal attention must be exactly the diagonal values of all layers.
     */
    @Test
    void agreesWithNumpy() {
        assumeTrue(PythonOracle.has("numpy"), "numpy not available");
        for (int[] shape : new int[][] {{2, 1, 5}, {4, 3, 9}, {6, 2, 17}}) {
            int layers = shape[0];
            int heads = shape[1];
            int t = shape[2];
            AttentionMatrix[][] att = new AttentionMatrix[layers][heads];
            StringBuilder in = new StringBuilder(layers + " " + heads + " " + t + "\n");
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    att[l][h] = PythonOracle.attention(t, 31L * l + h + 7 * t, true, 1.5, false);
                    PythonOracle.append(in, att[l][h]);
                }
            }
            String[] lines = PythonOracle.run("lapeigvals_oracle.py", in.toString()).strip().split("\n");
            int line = 0;
            for (int h = 0; h < heads; h++) {
                double[][] d = LapEigvals.diagonal(att, h);
                double[] all = new double[layers * t];
                for (int l = 0; l < layers; l++) {
                    String[] p = lines[line++].split(" ");
                    for (int j = 0; j < t; j++) {
                        assertEquals(Double.parseDouble(p[j]), d[l][j], 1e-9, "layer " + l + " head " + h + " token " + j);
                        all[l * t + j] = d[l][j];
                    }
                }
                String[] eig = lines[line++].split(" ");
                Arrays.sort(all);
                assertEquals(all.length, eig.length - 1);
                for (int q = 0; q < all.length; q++) {
                    assertEquals(Double.parseDouble(eig[q + 1]), all[q], 1e-7, "eigenvalue " + q + " head " + h);
                }
            }
        }
    }
}
