package org.attnplanes.graph.layout;

import java.util.SplittableRandom;
import org.apache.commons.math4.legacy.linear.Array2DRowRealMatrix;
import org.apache.commons.math4.legacy.linear.EigenDecomposition;
import org.apache.commons.math4.legacy.linear.RealVector;

/**
 * The k algebraically largest eigenpairs of a dense symmetric matrix (row-major, n × n), for classical MDS, which
 * needs only the top two of a 512 × 512 matrix: {@link #lanczos} finds them from a few dozen matrix-vector
 * products (Lanczos with full reorthogonalization, Ritz pairs accepted when every residual
 * ‖B y − θ y‖ = |β_m s_m| is below 1e-10 × ‖B‖_F), {@link #full} by the complete Commons Math
 * {@link EigenDecomposition} (O(n³)). Values in descending order, vectors of unit length. Package-private.
 *
 * @param values  the k largest eigenvalues, descending
 * @param vectors their eigenvectors, {@code vectors[i]} of length n
 */
record TopEigenpairs(double[] values, double[][] vectors) {

    /** Relative residual below which a Ritz pair is accepted. */
    static final double TOLERANCE = 1e-10;

    /** The top {@code k} pairs by the complete decomposition. */
    static TopEigenpairs full(double[] b, int n, int k) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(b, i * n, rows[i], 0, n);
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(rows, false));
        double[] all = eig.getRealEigenvalues();
        int[] top = largest(all, Math.min(k, n));
        double[] values = new double[top.length];
        double[][] vectors = new double[top.length][];
        for (int i = 0; i < top.length; i++) {
            values[i] = all[top[i]];
            RealVector v = eig.getEigenvector(top[i]);
            vectors[i] = v.toArray();
        }
        return new TopEigenpairs(values, vectors);
    }

    /**
     * The top {@code k} pairs by Lanczos iteration from a fixed pseudo-random start (deterministic), or null when
     * it cannot vouch for them: the Krylov space became invariant before they converged (B has repeated or few
     * distinct eigenvalues, e.g. all distances equal), or n steps did not converge. Callers then use
     * {@link #full}.
     */
    static TopEigenpairs lanczos(double[] b, int n, int k) {
        if (k > n) {
            return null;
        }
        double fro = 0;
        for (double v : b) {
            fro += v * v;
        }
        fro = Math.sqrt(fro);
        if (fro == 0) {
            return null;
        }
        double tol = TOLERANCE * fro;
        double[][] q = new double[n + 1][];
        double[] alpha = new double[n];
        double[] beta = new double[n];
        SplittableRandom rnd = new SplittableRandom(0x5EEDL);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = rnd.nextDouble() - 0.5;
        }
        q[0] = scale(start, 1 / norm(start));
        int nextCheck = Math.min(n, k + 10);
        for (int j = 0; j < n; j++) {
            double[] w = times(b, n, q[j]);
            alpha[j] = dot(q[j], w);
            for (int pass = 0; pass < 2; pass++) {      // full reorthogonalization, twice is enough
                for (int i = 0; i <= j; i++) {
                    axpy(-dot(q[i], w), q[i], w);
                }
            }
            beta[j] = norm(w);
            int m = j + 1;
            boolean invariant = beta[j] <= 1e-12 * fro;
            if (invariant && m < n) {
                return null;
            }
            if (m >= nextCheck || m == n) {
                TopEigenpairs ritz = ritz(q, alpha, beta, m, n, k, tol);
                if (ritz != null) {
                    return ritz;
                }
                nextCheck = m + Math.max(4, m / 4);
            }
            q[j + 1] = scale(w, 1 / beta[j]);
        }
        return null;
    }

    /** The top-k Ritz pairs of the first m Lanczos vectors when all have converged, else null. */
    private static TopEigenpairs ritz(double[][] q, double[] alpha, double[] beta, int m, int n, int k, double tol) {
        double[] main = java.util.Arrays.copyOf(alpha, m);
        double[] off = java.util.Arrays.copyOf(beta, m - 1);
        EigenDecomposition t = new EigenDecomposition(main, off);
        double[] theta = t.getRealEigenvalues();
        int[] top = largest(theta, k);
        double[] values = new double[k];
        double[][] vectors = new double[k][];
        for (int i = 0; i < k; i++) {
            double[] s = t.getEigenvector(top[i]).toArray();
            if (Math.abs(beta[m - 1] * s[m - 1]) > tol) {
                return null;
            }
            double[] y = new double[n];
            for (int l = 0; l < m; l++) {
                axpy(s[l], q[l], y);
            }
            values[i] = theta[top[i]];
            vectors[i] = scale(y, 1 / norm(y));
        }
        return new TopEigenpairs(values, vectors);
    }

    /** Indices of the k largest values, descending (ties: lower index first). */
    static int[] largest(double[] values, int k) {
        int[] top = new int[k];
        boolean[] used = new boolean[values.length];
        for (int i = 0; i < k; i++) {
            int best = -1;
            for (int j = 0; j < values.length; j++) {
                if (!used[j] && (best < 0 || values[j] > values[best])) {
                    best = j;
                }
            }
            used[best] = true;
            top[i] = best;
        }
        return top;
    }

    private static double[] times(double[] b, int n, double[] x) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * n;
            for (int j = 0; j < n; j++) {
                s += b[o + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double c, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += c * x[i];
        }
    }

    private static double[] scale(double[] a, double c) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= c;
        }
        return a;
    }
}
