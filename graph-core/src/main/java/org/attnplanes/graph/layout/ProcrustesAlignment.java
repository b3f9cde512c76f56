package org.attnplanes.graph.layout;

import org.apache.commons.math4.legacy.linear.Array2DRowRealMatrix;
import org.apache.commons.math4.legacy.linear.RealMatrix;
import org.apache.commons.math4.legacy.linear.SingularValueDecomposition;

/**
 * Orthogonal Procrustes alignment of 2D layouts (Schönemann 1966): rotates (or reflects) a moving point set
 * about its own centroid by the orthogonal R minimizing Σ‖(y_i − ȳ)R − (x_i − x̄)‖², with R = UVᵀ from the
 * SVD of (Y − ȳ)ᵀ(X − x̄) (Commons Math). Because R = I is a candidate, the aligned set's total squared
 * displacement {@link #displacement} from the reference never exceeds the unaligned one.
 */
public final class ProcrustesAlignment {

    private ProcrustesAlignment() {
    }

    /**
     * The moving layout rotated onto the reference.
     *
     * @param reference x0, y0, x1, y1, … of the reference layout
     * @param moving    the layout to rotate, same length
     * @return a fresh aligned copy of {@code moving}
     * @throws IllegalArgumentException if the lengths differ or are odd
     */
    public static double[] align(double[] reference, double[] moving) {
        if (reference.length != moving.length || moving.length % 2 != 0) {
            throw new IllegalArgumentException("reference.length = " + reference.length + " and moving.length = "
                    + moving.length + " must be equal and even");
        }
        int n = moving.length / 2;
        if (n == 0) {
            return moving.clone();
        }
        double[] cx = centroid(reference);
        double[] cy = centroid(moving);
        double[][] m = new double[2][2];
        for (int i = 0; i < n; i++) {
            double y0 = moving[2 * i] - cy[0];
            double y1 = moving[2 * i + 1] - cy[1];
            double x0 = reference[2 * i] - cx[0];
            double x1 = reference[2 * i + 1] - cx[1];
            m[0][0] += y0 * x0;
            m[0][1] += y0 * x1;
            m[1][0] += y1 * x0;
            m[1][1] += y1 * x1;
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false));
        RealMatrix r = svd.getU().multiply(svd.getVT());
        double r00 = r.getEntry(0, 0);
        double r01 = r.getEntry(0, 1);
        double r10 = r.getEntry(1, 0);
        double r11 = r.getEntry(1, 1);
        double[] out = new double[moving.length];
        for (int i = 0; i < n; i++) {
            double y0 = moving[2 * i] - cy[0];
            double y1 = moving[2 * i + 1] - cy[1];
            out[2 * i] = y0 * r00 + y1 * r10 + cy[0];
            out[2 * i + 1] = y0 * r01 + y1 * r11 + cy[1];
        }
        return out;
    }

    /** Total squared displacement Σ‖a_i − b_i‖² between two layouts of equal length. */
    public static double displacement(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a.length = " + a.length + " must equal b.length = " + b.length);
        }
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return s;
    }

    private static double[] centroid(double[] xy) {
        int n = xy.length / 2;
        double x = 0;
        double y = 0;
        for (int i = 0; i < n; i++) {
            x += xy[2 * i];
            y += xy[2 * i + 1];
        }
        return new double[] {x / n, y / n};
    }
}
