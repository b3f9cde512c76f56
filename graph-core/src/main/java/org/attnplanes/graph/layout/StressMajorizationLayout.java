package org.attnplanes.graph.layout;

import java.util.Random;
import org.attnplanes.graph.Plane;

/**
 * Metric stress majorization (SMACOF; de Leeuw 1977, Gansner, Koren &amp; North 2004) on the distance
 * δ_ij = 1 − w_ij of a plane (w its normalized weight; for a directed plane the mean of both directions), in 2D,
 * started from {@link ClassicalMdsLayout classical MDS}. It minimizes the raw stress
 * σ(X) = Σ_{i&lt;j} (‖x_i − x_j‖ − δ_ij)² with the Guttman transform
 * x_i ← (1/n) Σ_{j≠i} (δ_ij / ‖x_i − x_j‖)(x_i − x_j), which never increases σ; it stops when an iteration lowers
 * σ by less than a relative {@code tolerance}, or after {@code maxIterations}. So its stress is at most classical
 * MDS's (property-tested).
 *
 * <p>Why: on long inputs most tokens are nearly equidistant (a weak, flat attention), and classical MDS keeps only
 * the two strongest directions of the double-centred matrix — often one dominant token against the rest — which
 * collapses the plane into a "needle" whose lengths say little. Stress majorization fits the distances
 * themselves, so near-equidistant points spread over a disc, as honestly as two dimensions allow. A start whose
 * second axis is degenerate (collinear, which the Guttman transform would keep collinear) is given a seeded
 * perturbation of 10⁻³ of its extent first.
 *
 * <p>Cost: O(n²) per iteration (one square root per pair), typically tens of iterations from the classical start;
 * BENCHMARKS.md compares it with classical MDS. Units are those of 1 − w; the result is centred. Deterministic.
 */
public final class StressMajorizationLayout implements PlaneLayout {

    /** Default largest number of Guttman iterations. */
    public static final int DEFAULT_MAX_ITERATIONS = 200;
    /** Default relative stress decrease below which the iteration stops. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    private final int maxIterations;
    private final double tolerance;

    /** The layout with {@link #DEFAULT_MAX_ITERATIONS} and {@link #DEFAULT_TOLERANCE}. */
    public StressMajorizationLayout() {
        this(DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
    }

    /**
     * @param maxIterations largest number of Guttman iterations, &gt;= 0 (0 returns the classical MDS start)
     * @param tolerance     relative stress decrease that ends the iteration, in [0, 1)
     * @throws IllegalArgumentException for values outside these ranges
     */
    public StressMajorizationLayout(int maxIterations, double tolerance) {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations = " + maxIterations + " must be >= 0");
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance = " + tolerance + " must be in [0, 1)");
        }
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** A finished layout: coordinates (x0, y0, x1, y1, …), its raw stress, and the iterations it took. */
    public record Result(double[] xy, double stress, double normalizedStress, int iterations) {
    }

    @Override
    public double[] layout(Plane plane) {
        return fit(plane).xy();
    }

    /** The layout of the plane with its stress. */
    public Result fit(Plane plane) {
        return fit(distances(plane), null);
    }

    /**
     * The layout of a symmetric matrix of target distances, started from {@code start} (x0, y0, …; null: classical
     * MDS of the distances).
     *
     * @param delta n × n symmetric distances, &gt;= 0 (only the upper triangle is read)
     * @param start the starting layout of length 2n, or null
     */
    public Result fit(double[][] delta, double[] start) {
        int n = delta.length;
        if (start != null && start.length != 2 * n) {
            throw new IllegalArgumentException("start.length = " + start.length + " must be 2 × " + n);
        }
        if (n < 2) {
            return new Result(new double[2 * n], 0, 0, 0);
        }
        double[] xy;
        if (start != null) {
            xy = start.clone();
        } else {
            double[][] d2 = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    d2[i][j] = delta[i][j] * delta[i][j];
                    d2[j][i] = d2[i][j];
                }
            }
            xy = ClassicalMdsLayout.fromSquaredDistances(d2);
        }
        double[] x = coordinate(xy, 0);
        double[] y = coordinate(xy, 1);
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                total += delta[i][j] * delta[i][j];
            }
        }
        if (total == 0) {
            centre(x, y);
            return new Result(pack(x, y), stress(delta, x, y), 0, 0);
        }
        double startStress = stress(delta, x, y);
        double[] startX = x.clone();
        double[] startY = y.clone();
        unflatten(x, y);
        double[] nx = new double[n];
        double[] ny = new double[n];
        double previous = Double.POSITIVE_INFINITY;
        int it = 0;
        while (it < maxIterations) {
            java.util.Arrays.fill(nx, 0);
            java.util.Arrays.fill(ny, 0);
            double s = 0;
            for (int i = 0; i < n; i++) {
                double xi = x[i];
                double yi = y[i];
                double[] di = delta[i];
                double ax = 0;
                double ay = 0;
                for (int j = i + 1; j < n; j++) {
                    double dx = xi - x[j];
                    double dy = yi - y[j];
                    double d = Math.sqrt(dx * dx + dy * dy);
                    double e = d - di[j];
                    s += e * e;
                    if (d > 1e-12) {
                        double r = di[j] / d;
                        ax += r * dx;
                        ay += r * dy;
                        nx[j] -= r * dx;
                        ny[j] -= r * dy;
                    }
                }
                nx[i] += ax;
                ny[i] += ay;
            }
            // s is the stress of the current x; stop when the last step gained too little
            if (it > 0 && previous - s <= tolerance * previous) {
                break;
            }
            previous = s;
            for (int i = 0; i < n; i++) {
                x[i] = nx[i] / n;
                y[i] = ny[i] / n;
            }
            it++;
        }
        double s = stress(delta, x, y);
        if (s > startStress) {
            // only possible when the perturbation of a degenerate start was not paid back: keep the start
            x = startX;
            y = startY;
            s = startStress;
        }
        centre(x, y);
        return new Result(pack(x, y), s, s / total, it);
    }

    /** Raw stress Σ_{i&lt;j} (‖x_i − x_j‖ − δ_ij)² of a layout (x0, y0, x1, y1, …) against target distances. */
    public static double stress(double[][] delta, double[] xy) {
        int n = delta.length;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
        }
        return stress(delta, x, y);
    }

    private static double stress(double[][] delta, double[] x, double[] y) {
        int n = x.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double e = Math.hypot(x[i] - x[j], y[i] - y[j]) - delta[i][j];
                s += e * e;
            }
        }
        return s;
    }

    /** The target distances 1 − w of a plane (w clamped to [0, 1]; directed: the mean of both directions). */
    public static double[][] distances(Plane plane) {
        int n = plane.size();
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double w = plane.directed() ? (plane.weight(i, j) + plane.weight(j, i)) / 2 : plane.weight(i, j);
                d[i][j] = 1 - Math.max(0, Math.min(1, w));
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    /**
     * The Guttman transform keeps a collinear layout collinear (and coincident points coincident): give a start
     * whose spread along its second principal axis is below 10⁻⁶ of the first a seeded perturbation of 10⁻³ of
     * its extent.
     */
    private static void unflatten(double[] x, double[] y) {
        int n = x.length;
        double[] axes = principalAxes(x, y);
        double extent = Math.sqrt(Math.max(axes[0], 0));
        if (axes[1] > 1e-12 * Math.max(axes[0], 1e-300) && extent > 0) {
            return;
        }
        double eps = 1e-3 * (extent > 0 ? extent : 1);
        Random r = new Random(0x5EEDL + n);
        for (int i = 0; i < n; i++) {
            x[i] += eps * r.nextGaussian();
            y[i] += eps * r.nextGaussian();
        }
    }

    /**
     * Variances of a 2-D point set along its principal axes, largest first (the eigenvalues of its 2 × 2
     * covariance matrix).
     */
    public static double[] principalAxes(double[] x, double[] y) {
        int n = x.length;
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        sxx /= n;
        syy /= n;
        sxy /= n;
        double mean = (sxx + syy) / 2;
        double root = Math.sqrt(Math.max(0, (sxx - syy) * (sxx - syy) / 4 + sxy * sxy));
        return new double[] {mean + root, Math.max(0, mean - root)};
    }

    /** {@link #principalAxes(double[], double[])} of a packed layout (x0, y0, x1, y1, …). */
    public static double[] principalAxes(double[] xy) {
        return principalAxes(coordinate(xy, 0), coordinate(xy, 1));
    }

    /** Axis {@code axis} (0: x, 1: y) of a packed layout (x0, y0, x1, y1, …). */
    private static double[] coordinate(double[] xy, int axis) {
        double[] c = new double[xy.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = xy[2 * i + axis];
        }
        return c;
    }

    private static double mean(double[] v) {
        double m = 0;
        for (double a : v) {
            m += a;
        }
        return m / v.length;
    }

    private static void centre(double[] x, double[] y) {
        int n = x.length;
        double mx = mean(x);
        double my = mean(y);
        for (int i = 0; i < n; i++) {
            x[i] -= mx;
            y[i] -= my;
        }
    }

    private static double[] pack(double[] x, double[] y) {
        double[] xy = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            xy[2 * i] = x[i];
            xy[2 * i + 1] = y[i];
        }
        return xy;
    }
}
