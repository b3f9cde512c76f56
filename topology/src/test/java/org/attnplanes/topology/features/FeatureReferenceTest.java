package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.testing.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --reference tda4atd}: the features of the published pipeline ({@code danchern97/tda4atd}), checked
 * against an independent NumPy + GUDHI re-implementation of that pipeline, on matrices whose rows do not sum to 1
 * (where the two references differ most).
 */
class FeatureReferenceTest {

    @TempDir
    Path dir;

    /** Entries in [0, 1), each row scaled by a factor in [0.3, 1): rows sum to anything but 1. */
    static AttentionMatrix unnormalized(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            double scale = 0.3 + 0.7 * rnd.nextDouble();
            for (int j = 0; j < n; j++) {
                double u = rnd.nextDouble();
                a[i * n + j] = (float) (scale * u * u * u);
            }
        }
        return AttentionMatrix.of(n, a);
    }

    @Test
    void renormalizeRows_everyRowSumsToOne_zeroRowsStayZero() {
        for (long seed = 1; seed <= 20; seed++) {
            int n = 2 + (int) (seed % 9);
            AttentionMatrix a = unnormalized(n, seed);
            float[] raw = a.toArray();
            for (int j = 0; j < n; j++) {
                raw[j] = 0f; // row 0 is all zero
            }
            AttentionMatrix r = FeatureReference.renormalizeRows(AttentionMatrix.of(n, raw));
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += r.weight(i, j);
                    if (i > 0) {
                        double rowSum = 0;
                        for (int k = 0; k < n; k++) {
                            rowSum += raw[i * n + k];
                        }
                        assertEquals(raw[i * n + j] / rowSum, r.weight(i, j), 1e-7, "seed " + seed);
                    }
                }
                assertEquals(i == 0 ? 0.0 : 1.0, sum, 1e-5, "seed " + seed + " row " + i);
            }
        }
        AttentionMatrix a = unnormalized(5, 3);
        assertTrue(FeatureReference.ATTNPLANES.prepare(a) == a, "attnplanes leaves the matrix as it is");
    }

    @Test
    void tda4atd_matchesThePublishedPipeline_andDiffersFromOursOnUnnormalizedRows() throws Exception {
        assumeTrue(Oracles.hasGudhi(), "GUDHI (python3-gudhi) is needed for this oracle test");
        Path script = Path.of("src/test/resources/org/attnplanes/topology/features/tda4atd_features.py");
        for (long seed = 1; seed <= 4; seed++) {
            int n = 10 + (int) seed;
            AttentionMatrix a = unnormalized(n, seed);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    sb.append(j == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.9g", a.weight(i, j)));
                }
                sb.append('\n');
            }
            Path file = dir.resolve("m" + seed + ".txt");
            Files.writeString(file, sb, StandardCharsets.UTF_8);
            Oracles.Result r = Oracles.run(List.of(Oracles.python(), script.toAbsolutePath().toString(),
                    file.toString()), 120);
            assertEquals(0, r.exitCode(), r.stderr());
            Map<String, Double> oracle = new HashMap<>();
            List<double[]> edges = new ArrayList<>();
            for (String line : r.stdout().split("\n")) {
                String[] p = line.trim().split(" ");
                if (p[0].equals("attn_edges")) {
                    edges.add(new double[] {Double.parseDouble(p[1]), Double.parseDouble(p[2])});
                } else if (p.length == 2) {
                    oracle.put(p[0], Double.parseDouble(p[1]));
                }
            }
            AttentionMatrix published = FeatureReference.TDA4ATD.prepare(a);
            FeatureVector graph = new ThresholdGraphFeatures().compute(published);
            assertEquals(6, edges.size(), r.stdout());
            for (double[] e : edges) {
                assertEquals(e[1], graph.get(ThresholdNames.suffixed("attn_edges", e[0])), "seed " + seed
                        + ", edges at t = " + e[0]);
            }
            FeatureVector bars = new BarcodeFeatures().compute(published);
            for (String name : List.of("h0_s", "h0_nb", "h0_e", "h1_s", "h1_nb", "h1_e")) {
                assertEquals(oracle.get(name), bars.get(name), 1e-5, "seed " + seed + " " + name);
            }
            FeatureVector ours = new BarcodeFeatures().compute(FeatureReference.ATTNPLANES.prepare(a));
            assertTrue(Math.abs(ours.get("h0_s") - oracle.get("h0_s")) > 1e-3,
                    "seed " + seed + ": unnormalized rows should move h0_s (ours " + ours.get("h0_s") + ")");
        }
    }
}
