package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.junit.jupiter.api.Test;

class BarcodeFeaturesTest {

    private static PersistenceInterval bar(float b, float d) {
        return new PersistenceInterval(b, d);
    }

    @Test
    void compute_handMadeBarcodes_givesReferenceStatistics() {
        Barcodes b = new Barcodes(List.of(
                new Barcode(0, List.of(bar(0f, 0.25f), bar(0f, 0.5f), bar(0f, 0.75f), PersistenceInterval.essential(0f))),
                new Barcode(1, List.of(bar(0.5f, 0.75f), bar(0.25f, 1f), bar(0.96f, 0.97f)))));
        FeatureVector f = BarcodeFeatures.compute(b);
        assertEquals(BarcodeFeatures.names(), f.names());
        // H0 finite lengths 0.25, 0.5, 0.75 (the essential bar is dropped)
        assertEquals(1.5, f.get("h0_s"), 1e-7);
        assertEquals(0.5, f.get("h0_m"), 1e-7);
        assertEquals(Math.sqrt((0.0625 + 0 + 0.0625) / 3), f.get("h0_v"), 1e-7);
        double e0 = -(1 / 6.0 * Math.log(1 / 6.0) + 1 / 3.0 * Math.log(1 / 3.0) + 0.5 * Math.log(0.5));
        assertEquals(e0, f.get("h0_e"), 1e-7);
        assertEquals(3, f.get("h0_nb"));
        assertEquals(0.75, f.get("h0_t_d"), 1e-7);
        assertEquals(1, f.get("h0_n_d_m_t0.75"));
        assertEquals(2, f.get("h0_n_d_m_t0.5"));
        assertEquals(1, f.get("h0_n_d_l_t0.25"));
        // H1 lengths 0.25, 0.75, 0.01; longest is [0.25, 1)
        assertEquals(1.01, f.get("h1_s"), 1e-6);
        assertEquals(3, f.get("h1_nb"));
        assertEquals(0.25, f.get("h1_t_b"), 1e-7);
        assertEquals(3, f.get("h1_n_b_m_t0.25"));
        assertEquals(2, f.get("h1_n_b_l_t0.95"));
        assertEquals(2, f.get("h1_n_b_l_t0.70"));
    }

    @Test
    void compute_emptyBarcodes_givesZeros() {
        FeatureVector f = BarcodeFeatures.compute(new Barcodes(List.of(new Barcode(0, List.of()))));
        for (int i = 0; i < f.size(); i++) {
            assertEquals(0.0, f.value(i), f.names().get(i));
        }
    }

    @Test
    void compute_attentionMatrix_h0IsTheMaximumSpanningTree() {
        // H0 deaths of 1 − max(A, Aᵀ) are 1 − (weights of a maximum spanning tree); check the sum by Prim
        for (long seed = 1; seed <= 5; seed++) {
            int n = 25;
            SplittableRandom rnd = new SplittableRandom(seed);
            float[] a = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rnd.nextDouble() * 0.2f;
            }
            AttentionMatrix m = AttentionMatrix.of(n, a);
            Filtration filtration = BarcodeFeatures.filtration(m);
            boolean[] in = new boolean[n];
            double[] best = new double[n];
            java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
            best[0] = 0;
            double sum = 0;
            for (int step = 0; step < n; step++) {
                int u = -1;
                for (int v = 0; v < n; v++) {
                    if (!in[v] && (u < 0 || best[v] < best[u])) {
                        u = v;
                    }
                }
                in[u] = true;
                sum += best[u];
                for (int v = 0; v < n; v++) {
                    if (!in[v]) {
                        best[v] = Math.min(best[v], filtration.value(u, v));
                    }
                }
            }
            FeatureVector f = new BarcodeFeatures().compute(m);
            assertEquals(sum, f.get("h0_s"), 1e-5, "seed " + seed);
        }
    }
    @Test
    void compute_seededBarcodes_bitIdenticalToTheBarByBarDefinition() {
        // births and deaths on a coarse grid (ties of length, bars at the thresholds 0.25, 0.5, 0.7, 0.75, 0.95
        // and at 0.7f, 0.95f), essential bars mixed in; compared with the list-based computation it replaced
        float[] grid = {0f, 0.1f, 0.25f, 0.3f, 0.5f, 0.6f, 0.7f, 0.75f, 0.8f, 0.95f, 0.97f, 1f};
        for (long seed = 1; seed <= 300; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<Barcode> dims = new java.util.ArrayList<>();
            int maxDim = rnd.nextInt(3);
            for (int d = 0; d <= maxDim; d++) {
                List<PersistenceInterval> bars = new java.util.ArrayList<>();
                int count = rnd.nextInt(seed % 7 == 0 ? 2 : 40);
                for (int i = 0; i < count; i++) {
                    float b = rnd.nextBoolean() ? grid[rnd.nextInt(grid.length)] : (float) rnd.nextDouble();
                    if (rnd.nextInt(8) == 0) {
                        bars.add(PersistenceInterval.essential(b));
                    } else {
                        float e = rnd.nextBoolean() ? grid[rnd.nextInt(grid.length)] : (float) rnd.nextDouble();
                        bars.add(bar(Math.min(b, e), Math.max(b, e)));
                    }
                }
                dims.add(new Barcode(d, bars));
            }
            Barcodes b = new Barcodes(dims);
            double[] expected = barByBar(b);
            double[] got = BarcodeFeatures.compute(b).toArray();
            for (int k = 0; k < expected.length; k++) {
                assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(got[k]),
                        "seed " + seed + ", " + BarcodeFeatures.names().get(k) + ": " + expected[k] + " vs " + got[k]);
            }
        }
    }

    /** The features as computed before the one-pass form: finite bars collected per dimension, then each sum. */
    private static double[] barByBar(Barcodes barcodes) {
        double[] v = new double[18];
        int k = 0;
        for (int dim = 0; dim <= 1; dim++) {
            List<PersistenceInterval> bars = new java.util.ArrayList<>();
            if (dim <= barcodes.maxDimension()) {
                for (PersistenceInterval p : barcodes.dimension(dim).intervals()) {
                    if (!p.isEssential()) {
                        bars.add(p);
                    }
                }
            }
            double[] len = new double[bars.size()];
            double sum = 0;
            int longest = -1;
            for (int i = 0; i < len.length; i++) {
                len[i] = (double) bars.get(i).death() - bars.get(i).birth();
                sum += len[i];
                if (longest < 0 || len[i] > len[longest]) {
                    longest = i;
                }
            }
            double mean = len.length == 0 ? 0 : sum / len.length;
            double var = 0;
            for (double l : len) {
                var += (l - mean) * (l - mean);
            }
            double std = len.length == 0 ? 0 : Math.sqrt(var / len.length);
            double entropy = 0;
            for (double l : len) {
                double p = l / sum;
                entropy -= p * Math.log(p);
            }
            v[k++] = sum;
            v[k++] = mean;
            v[k++] = std;
            v[k++] = entropy;
            v[k++] = len.length;
            if (dim == 0) {
                v[k++] = longest < 0 ? 0 : bars.get(longest).death();
                v[k++] = count(bars, false, true, 0.75);
                v[k++] = count(bars, false, true, 0.5);
                v[k++] = count(bars, false, false, 0.25);
            } else {
                v[k++] = longest < 0 ? 0 : bars.get(longest).birth();
                v[k++] = count(bars, true, true, 0.25);
                v[k++] = count(bars, true, false, 0.95);
                v[k++] = count(bars, true, false, 0.70);
            }
        }
        return v;
    }

    private static int count(List<PersistenceInterval> bars, boolean birth, boolean more, double t) {
        int c = 0;
        for (PersistenceInterval p : bars) {
            double x = birth ? p.birth() : p.death();
            if (more ? x >= t : x <= t) {
                c++;
            }
        }
        return c;
    }
}
