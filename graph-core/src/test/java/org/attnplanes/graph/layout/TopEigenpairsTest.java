package org.attnplanes.graph.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.junit.jupiter.api.Test;

/**
 * Lanczos top eigenpairs against the complete Commons Math eigen-decomposition on the double-centred matrices
 * classical MDS decomposes: same eigenvalues, the same embedding up to the sign of each axis (and up to a
 * rotation where the second and third eigenvalues nearly coincide), the same strain.
 */
class TopEigenpairsTest {

    /** B = −½ J D⁽²⁾ J of the MDS distances 1 − w of one plane, row-major. */
    private static double[] centred(Plane p) {
        int n = p.size();
        double[][] d2 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double w = p.directed() ? (p.weight(i, j) + p.weight(j, i)) / 2 : p.weight(i, j);
                double d = 1 - Math.max(0, Math.min(1, w));
                d2[i][j] = d * d;
                d2[j][i] = d * d;
            }
        }
        return centred(d2);
    }

    private static double[] centred(double[][] d2) {
        int n = d2.length;
        double[] row = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                row[i] += d2[i][j];
            }
            total += row[i];
            row[i] /= n;
        }
        double grand = total / ((double) n * n);
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i * n + j] = -0.5 * (d2[i][j] - row[i] - row[j] + grand);
            }
        }
        return b;
    }

    private static double frobenius(double[] b) {
        double s = 0;
        for (double v : b) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** ‖B − X Xᵀ‖_F of a 2D embedding (the strain classical MDS minimises). */
    private static double strain(double[] b, double[] xy, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = b[i * n + j] - (xy[2 * i] * xy[2 * j] + xy[2 * i + 1] * xy[2 * j + 1]);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    /** The largest distance between the points of {@code a} and those of {@code b} after the best orthogonal map. */
    private static double procrustesGap(double[] a, double[] b, int n) {
        // the best rotation (with or without a reflection), by a search over angles in steps of 0.05°
        double best = Double.POSITIVE_INFINITY;
        for (int reflect = 0; reflect < 2; reflect++) {
            for (int step = 0; step < 7200; step++) {
                double t = step * Math.PI / 3600;
                double c = Math.cos(t);
                double s = Math.sin(t);
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    double x = b[2 * i];
                    double y = reflect == 0 ? b[2 * i + 1] : -b[2 * i + 1];
                    double dx = c * x - s * y - a[2 * i];
                    double dy = s * x + c * y - a[2 * i + 1];
                    worst = Math.max(worst, Math.hypot(dx, dy));
                }
                best = Math.min(best, worst);
            }
        }
        return best;
    }

    @Test
    void lanczos_onAttentionPlanes_matchesTheCompleteDecomposition() {
        Random rnd = new Random(2026);
        int checked = 0;
        for (int trial = 0; trial < 8; trial++) {
            int n = 65 + rnd.nextInt(160);
            double sigma = 1 + 5 * rnd.nextDouble();
            AttentionTrace t = new SoftmaxTraceGenerator(2, 2, n, sigma).generate(rnd.nextLong());
            Symmetrization sym = Symmetrization.values()[rnd.nextInt(Symmetrization.values().length)];
            MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.CIRCLE)
                    .symmetrization(sym).links().classifier(false).build());
            for (Plane p : g.planes()) {
                double[] b = centred(p);
                String what = "trial " + trial + " n " + n + " sigma " + sigma + " " + sym + " plane " + p.index();
                TopEigenpairs fast = TopEigenpairs.lanczos(b, n, 3);
                assertNotNull(fast, what + ": Lanczos gave up on a plane with distinct eigenvalues");
                TopEigenpairs full = TopEigenpairs.full(b, n, 3);
                double norm = frobenius(b);
                for (int k = 0; k < 3; k++) {
                    assertEquals(full.values()[k], fast.values()[k], 1e-9 * norm, what + ": eigenvalue " + k);
                }
                double[] xyFast = ClassicalMdsLayout.coordinates(fast, n);
                double[] xyFull = ClassicalMdsLayout.coordinates(full, n);
                double extent = 0;
                for (double v : xyFull) {
                    extent = Math.max(extent, Math.abs(v));
                }
                double gap12 = (full.values()[0] - full.values()[1]) / full.values()[0];
                double gap23 = (full.values()[1] - full.values()[2]) / full.values()[0];
                double worst = 0;
                for (int i = 0; i < 2 * n; i++) {
                    worst = Math.max(worst, Math.abs(xyFast[i] - xyFull[i]));
                }
                if (gap12 > 1e-3 && gap23 > 1e-3) {
                    assertTrue(worst <= 1e-6 * extent, what + ": coordinates differ by " + worst + " (extent " + extent
                            + ")");
                    checked++;
                } else if (gap23 > 1e-3) {
                    // the top two nearly coincide: any rotation of their plane is as good
                    assertTrue(procrustesGap(xyFull, xyFast, n) <= 2e-3 * extent, what + ": not a rotation");
                }
                double sFast = strain(b, xyFast, n);
                double sFull = strain(b, xyFull, n);
                assertEquals(sFull, sFast, 1e-9 * norm, what + ": strain");
            }
        }
        assertTrue(checked >= 12, "only " + checked + " of 32 planes had clear eigenvalue gaps");
    }

    @Test
    void lanczos_onRandomSymmetricMatrices_matchesTheCompleteDecomposition() {
        Random rnd = new Random(17);
        for (int trial = 0; trial < 10; trial++) {
            int n = 3 + rnd.nextInt(120);
            double[] b = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double v = rnd.nextGaussian();
                    b[i * n + j] = v;
                    b[j * n + i] = v;
                }
            }
            TopEigenpairs fast = TopEigenpairs.lanczos(b, n, 2);
            assertNotNull(fast, "trial " + trial);
            TopEigenpairs full = TopEigenpairs.full(b, n, 2);
            double norm = frobenius(b);
            for (int k = 0; k < 2; k++) {
                assertEquals(full.values()[k], fast.values()[k], 1e-9 * norm, "trial " + trial + " value " + k);
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += full.vectors()[k][i] * fast.vectors()[k][i];
                }
                double gap = k == 0 ? full.values()[0] - full.values()[1] : Double.POSITIVE_INFINITY;
                if (gap > 1e-3 * norm) {
                    assertEquals(1, Math.abs(dot), 1e-6, "trial " + trial + ": eigenvector " + k + " (n " + n + ")");
                }
            }
        }
    }

    @Test
    void repeatedTopEigenvalue_lanczosGivesUp_andTheLayoutFallsBackToTheCompleteDecomposition() {
        int n = 100;
        double[][] d2 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d2[i][j] = i == j ? 0 : 0.49;          // every distance 0.7: eigenvalue 0.245 of multiplicity 99
            }
        }
        double[] b = centred(d2);
        assertNull(TopEigenpairs.lanczos(b, n, 2));
        double[] xy = ClassicalMdsLayout.fromSquaredDistances(d2);
        double[] expected = ClassicalMdsLayout.coordinates(TopEigenpairs.full(b, n, 2), n);
        for (int i = 0; i < 2 * n; i++) {
            assertEquals(expected[i], xy[i], 1e-12, "coordinate " + i);
        }
    }

    @Test
    void layout_ofA512TokenPlane_isTheCompleteDecompositionsLayout() {
        AttentionTrace t = new SoftmaxTraceGenerator(1, 1, 512, 5).generate(99);
        Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.CIRCLE).links().classifier(false)
                .build()).planes().get(0);
        double[] fast = new ClassicalMdsLayout().layout(p);
        double[] b = centred(p);
        TopEigenpairs full = TopEigenpairs.full(b, 512, 3);
        double[] expected = ClassicalMdsLayout.coordinates(full, 512);
        double extent = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            extent = Math.max(extent, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - fast[i]));
        }
        assertTrue((full.values()[1] - full.values()[2]) / full.values()[0] > 1e-3, "a clear gap in this plane");
        assertTrue(worst <= 1e-6 * extent, "coordinates differ by " + worst + " (extent " + extent + ")");
    }
}
