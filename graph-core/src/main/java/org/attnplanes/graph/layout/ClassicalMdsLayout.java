package org.attnplanes.graph.layout;

import org.apache.commons.math4.legacy.linear.Array2DRowRealMatrix;
import org.apache.commons.math4.legacy.linear.EigenDecomposition;
import org.apache.commons.math4.legacy.linear.RealMatrix;
import org.apache.commons.math4.legacy.linear.RealVector;
import org.attnplanes.graph.Plane;

/**
 * Classical (Torgerson) multidimensional scaling on the distance d_ij = 1 − w_ij, where w is the plane's
 * normalized weight (for a directed plane, the mean of both directions): B = −½ J D⁽²⁾ J, coordinates from
 * the two largest eigenpairs (Commons Math {@link EigenDecomposition}), x_k = v_k √max(λ_k, 0). A strong
 * relation becomes a short edge. Units are those of 1 − w; the result is centred. The sign of each axis is
 * fixed (largest-magnitude coordinate positive), so the layout is deterministic. O(n³).
 */
public final class ClassicalMdsLayout implements PlaneLayout {

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
        return fromSquaredDistances(d2);
    }

    /**
     * Classical MDS of a symmetric matrix of squared distances into 2D.
     *
     * @param d2 n × n squared distances (not modified)
     * @return x0, y0, x1, y1, …, centred
     */
    public static double[] fromSquaredDistances(double[][] d2) {
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
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = -0.5 * (d2[i][j] - rowMean[i] - rowMean[j] + grand);
            }
        }
        RealMatrix bm = new Array2DRowRealMatrix(b, false);
        EigenDecomposition eig = new EigenDecomposition(bm);
        double[] values = eig.getRealEigenvalues();
        int first = -1;
        int second = -1;
        for (int k = 0; k < values.length; k++) {
            if (first < 0 || values[k] > values[first]) {
                second = first;
                first = k;
            } else if (second < 0 || values[k] > values[second]) {
                second = k;
            }
        }
        double[] xy = new double[2 * n];
        int[] axes = {first, second};
        for (int axis = 0; axis < 2; axis++) {
            if (axes[axis] < 0) {
                continue;
            }
            double scale = Math.sqrt(Math.max(values[axes[axis]], 0));
            RealVector v = eig.getEigenvector(axes[axis]);
            int largest = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(v.getEntry(i)) > Math.abs(v.getEntry(largest)) + 1e-12) {
                    largest = i;
                }
            }
            double sign = v.getEntry(largest) < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) {
                xy[2 * i + axis] = sign * scale * v.getEntry(i);
            }
        }
        return xy;
    }
}
