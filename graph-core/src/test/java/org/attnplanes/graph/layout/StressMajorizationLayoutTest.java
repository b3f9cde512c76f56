package org.attnplanes.graph.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.junit.jupiter.api.Test;

/**
 * Stress majorization against classical MDS, with the stress computed here by brute force: on seeded inputs
 * (random metric and non-metric distances, planar points, attention planes) its stress never exceeds classical
 * MDS's and never rises from one iteration count to a larger one; on the near-equidistant input that collapses
 * classical MDS into a needle (ratio of principal axes below 0.3) it spreads in both dimensions.
 */
class StressMajorizationLayoutTest {

    /** Raw stress Σ_{i<j} (‖x_i − x_j‖ − δ_ij)², written out here. */
    private static double stress(double[][] delta, double[] xy) {
        double s = 0;
        for (int i = 0; i < delta.length; i++) {
            for (int j = i + 1; j < delta.length; j++) {
                double dx = xy[2 * i] - xy[2 * j];
                double dy = xy[2 * i + 1] - xy[2 * j + 1];
                double e = Math.sqrt(dx * dx + dy * dy) - delta[i][j];
                s += e * e;
            }
        }
        return s;
    }

    private static double[] classical(double[][] delta) {
        int n = delta.length;
        double[][] d2 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d2[i][j] = delta[i][j] * delta[i][j];
            }
        }
        return ClassicalMdsLayout.fromSquaredDistances(d2);
    }

    /** sqrt(minor / major variance) along the principal axes, computed here from the 2 × 2 covariance. */
    private static double axisRatio(double[] xy) {
        int n = xy.length / 2;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += xy[2 * i];
            my += xy[2 * i + 1];
        }
        mx /= n;
        my /= n;
        double a = 0;
        double b = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            double dx = xy[2 * i] - mx;
            double dy = xy[2 * i + 1] - my;
            a += dx * dx;
            b += dx * dy;
            c += dy * dy;
        }
        double tr = a + c;
        double det = a * c - b * b;
        double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
        return Math.sqrt(Math.max(0, tr / 2 - disc) / (tr / 2 + disc));
    }

    /** Seeded inputs of several kinds: random, metric from 5-D points, planar, near-equidistant with structure. */
    private static double[][] input(long seed) {
        Random r = new Random(seed);
        int n = 3 + r.nextInt(60);
        int kind = (int) (seed % 4);
        double[][] d = new double[n][n];
        double[][] p = new double[n][5];
        for (double[] q : p) {
            for (int k = 0; k < q.length; k++) {
                q[k] = r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = switch (kind) {
                    case 0 -> r.nextDouble();
                    case 1 -> Math.sqrt(sq(p[i][0] - p[j][0]) + sq(p[i][1] - p[j][1]) + sq(p[i][2] - p[j][2])
                            + sq(p[i][3] - p[j][3]) + sq(p[i][4] - p[j][4]));
                    case 2 -> Math.hypot(p[i][0] - p[j][0], p[i][1] - p[j][1]);
                    default -> 1 - (0.02 * r.nextDouble() + 0.9 * sink(i) * sink(j));
                };
                d[i][j] = v;
                d[j][i] = v;
            }
        }
        return d;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** How strongly token i takes part in the one dominant relation (a squared uniform, seeded per token). */
    private static double sink(int i) {
        double u = new Random(i * 31L + 1).nextDouble();
        return u * u;
    }

    @Test
    void stressNeverExceedsClassicalMds_andNeverRisesWithMoreIterations() {
        for (long seed = 1; seed <= 60; seed++) {
            double[][] d = input(seed);
            double classical = stress(d, classical(d));
            double last = Double.POSITIVE_INFINITY;
            for (int iterations : new int[] {0, 1, 3, 10, 50, 200}) {
                double[] xy = new StressMajorizationLayout(iterations, 0).fit(d, null).xy();
                double s = stress(d, xy);
                assertTrue(s <= classical * (1 + 1e-9) + 1e-12,
                        "seed " + seed + ", " + iterations + " iterations: " + s + " > classical " + classical);
                assertTrue(s <= last * (1 + 1e-9) + 1e-12, "seed " + seed + ": stress rose to " + s + " from " + last
                        + " at " + iterations + " iterations");
                last = s;
            }
            StressMajorizationLayout.Result r = new StressMajorizationLayout().fit(d, null);
            assertEquals(stress(d, r.xy()), r.stress(), 1e-9 * Math.max(1, r.stress()), "seed " + seed + ": reported");
            double cx = 0;
            double cy = 0;
            for (int i = 0; i < d.length; i++) {
                cx += r.xy()[2 * i];
                cy += r.xy()[2 * i + 1];
            }
            assertEquals(0, cx, 1e-9, "seed " + seed + ": centred");
            assertEquals(0, cy, 1e-9, "seed " + seed + ": centred");
        }
    }

    @Test
    void planarPoints_fromAPerturbedStart_reproduceTheirDistances() {
        for (long seed = 2; seed <= 42; seed += 4) {
            double[][] d = input(seed);                         // kind 2: distances of points in the plane
            Random r = new Random(seed);
            double[] start = classical(d);
            for (int k = 0; k < start.length; k++) {
                start[k] += 0.3 * r.nextGaussian();
            }
            StressMajorizationLayout.Result res = new StressMajorizationLayout(2000, 1e-12).fit(d, start);
            assertTrue(res.normalizedStress() < 1e-6, "seed " + seed + ": normalized stress " + res.normalizedStress());
        }
    }

    @Test
    void nearEquidistantTokens_spreadInBothDimensions_whereClassicalMdsIsANeedle() {
        for (int n : new int[] {150, 300}) {
            double[][] d = new double[n][n];
            Random r = new Random(n);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    d[i][j] = 1 - (0.02 * r.nextDouble() + 0.9 * sink(i) * sink(j));
                    d[j][i] = d[i][j];
                }
            }
            double[] c = classical(d);
            StressMajorizationLayout.Result s = new StressMajorizationLayout().fit(d, null);
            assertTrue(axisRatio(c) < 0.35, "n = " + n + ": the input should collapse classical MDS, ratio "
                    + axisRatio(c));
            assertTrue(axisRatio(s.xy()) > 0.8, "n = " + n + ": principal axes ratio " + axisRatio(s.xy()));
            assertTrue(s.stress() < 0.5 * stress(d, c), "n = " + n + ": stress " + s.stress() + " vs classical "
                    + stress(d, c));
            double[] axes = StressMajorizationLayout.principalAxes(s.xy());
            assertEquals(axisRatio(s.xy()), Math.sqrt(axes[1] / axes[0]), 1e-9, "principalAxes");
        }
    }

    @Test
    void aCollinearStart_isUnflattened() {
        int n = 40;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = 2 * Math.PI * (j - i) / n;
                d[i][j] = Math.hypot(1 - Math.cos(a), Math.sin(a));        // points on a unit circle
            }
        }
        double[] start = new double[2 * n];
        for (int i = 0; i < n; i++) {
            start[2 * i] = i;                                           // all on the x axis
        }
        StressMajorizationLayout.Result r = new StressMajorizationLayout(500, 1e-12).fit(d, start);
        assertTrue(axisRatio(r.xy()) > 0.9, "ratio " + axisRatio(r.xy()));
        assertTrue(r.normalizedStress() < 1e-4, "normalized stress " + r.normalizedStress());
    }

    @Test
    void attentionPlanes_asAGraphLayout_alignedAndBelowClassical() {
        AttentionTrace t = new SoftmaxTraceGenerator(3, 1, 40, 3).generate(5);
        List<Plane> stressPlanes = MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.STRESS).build())
                .planes();
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.STRESS).build());
        for (Plane p : stressPlanes) {
            double[][] d = StressMajorizationLayout.distances(p);
            double[] xy = new StressMajorizationLayout().layout(p);
            assertTrue(stress(d, xy) <= stress(d, new ClassicalMdsLayout().layout(p)) * (1 + 1e-9));
            // the graph's layout of the plane is the same layout up to the rotation that aligns it to the plane below
            double[] placed = new double[xy.length];
            for (int i = 0; i < p.size(); i++) {
                placed[2 * i] = g.layout().position(p.index(), i).x() - g.layout().position(p.index(), 0).x()
                        + xy[0];
                placed[2 * i + 1] = g.layout().position(p.index(), i).y() - g.layout().position(p.index(), 0).y()
                        + xy[1];
            }
            assertEquals(stress(d, xy), stress(d, placed), 1e-9 * Math.max(1, stress(d, xy)), "plane " + p.index());
        }
    }

    @Test
    void smallAndDegenerateInputs() {
        assertArrayEquals(new double[0], new StressMajorizationLayout().fit(new double[0][0], null).xy());
        assertArrayEquals(new double[2], new StressMajorizationLayout().fit(new double[1][1], null).xy());
        double[] same = new StressMajorizationLayout().fit(new double[4][4], null).xy();
        assertArrayEquals(new double[8], same, 1e-12, "all distances 0: one point");
        assertThrows(IllegalArgumentException.class, () -> new StressMajorizationLayout(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new StressMajorizationLayout(10, 1));
        assertThrows(IllegalArgumentException.class, () -> new StressMajorizationLayout().fit(new double[3][3],
                new double[4]));
    }
}
