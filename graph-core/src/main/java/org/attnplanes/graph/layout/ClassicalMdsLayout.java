package org.attnplanes.graph.layout;

import org.attnplanes.graph.Plane;

/**
 * Classical (Torgerson) multidimensional scaling on the distance d_ij = 1 − w_ij, where w is the plane's
 * normalized weight (for a directed plane, the mean of both directions): B = −½ J D⁽²⁾ J, coordinates from
 * the two largest eigenpairs, x_k = v_k √max(λ_k, 0). A strong relation becomes a short edge. Units are those of
 * 1 − w; the result is centred. The sign of each axis is fixed (largest-magnitude coordinate positive), so the
 * layout is deterministic. Above {@value #FULL_UP_TO} nodes the two pairs come from Lanczos iteration (a few dozen
 * O(n²) matrix-vector products: tens of milliseconds at 512 nodes instead of seconds), otherwise — and whenever
 * Lanczos cannot vouch for them (repeated top eigenvalues) — from the complete Commons Math eigen-decomposition
 * (O(n³)); both agree to the residual tolerance (property-tested).
 */
public final class ClassicalMdsLayout implements PlaneLayout {

    /** Planes up to this many nodes use the complete eigen-decomposition (as fast there). */
    public static final int FULL_UP_TO = 64;

    private final boolean exact;

    /** The layout described above (Lanczos above {@value #FULL_UP_TO} nodes). */
    public ClassicalMdsLayout() {
        this(false);
    }

    private ClassicalMdsLayout(boolean exact) {
        this.exact = exact;
    }

    /**
     * The same layout from the complete eigen-decomposition at every size (O(n³): seconds at 512 nodes); the
     * reference the Lanczos path is tested and benchmarked against.
     */
    public static ClassicalMdsLayout exact() {
        return new ClassicalMdsLayout(true);
    }

    @Override
    public double[] layout(Plane plane) {
        int n = plane.size();
        double[] xy = new double[2 * n];
        if (n < 2) {
            return xy;
        }
        double[][] d2 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double w = plane.directed() ? (plane.weight(i, j) + plane.weight(j, i)) / 2 : plane.weight(i, j);
                double d = 1 - Math.max(0, Math.min(1, w));
                d2[i][j] = d * d;
                d2[j][i] = d * d;
            }
        }
        return exact ? fromSquaredDistances(d2, true) : fromSquaredDistances(d2);
    }

    /**
     * Classical MDS of a symmetric matrix of squared distances into 2D.
     *
     * @param d2 n × n squared distances (not modified)
     * @return x0, y0, x1, y1, …, centred
     */
    public static double[] fromSquaredDistances(double[][] d2) {
        return fromSquaredDistances(d2, false);
    }

    private static double[] fromSquaredDistances(double[][] d2, boolean exact) {
        int n = d2.length;
        double[] rowMean = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowMean[i] += d2[i][j];
            }
            total += rowMean[i];
            rowMean[i] /= n;
        }
        double grand = total / ((double) n * n);
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i * n + j] = -0.5 * (d2[i][j] - rowMean[i] - rowMean[j] + grand);
            }
        }
        TopEigenpairs top = n > FULL_UP_TO && !exact ? TopEigenpairs.lanczos(b, n, 2) : null;
        if (top == null) {
            top = TopEigenpairs.full(b, n, 2);
        }
        return coordinates(top, n);
    }

    /** x_k = v_k √max(λ_k, 0) for the two pairs, each axis's sign fixed (largest-magnitude coordinate positive). */
    static double[] coordinates(TopEigenpairs top, int n) {
        double[] xy = new double[2 * n];
        for (int axis = 0; axis < Math.min(2, top.values().length); axis++) {
            double scale = Math.sqrt(Math.max(top.values()[axis], 0));
            double[] v = top.vectors()[axis];
            int largest = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(v[i]) > Math.abs(v[largest]) + 1e-12) {
                    largest = i;
                }
            }
            double sign = v[largest] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) {
                xy[2 * i + axis] = sign * scale * v[i];
            }
        }
        return xy;
    }
}
