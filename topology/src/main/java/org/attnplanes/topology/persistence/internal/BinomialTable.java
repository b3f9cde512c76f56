package org.attnplanes.topology.persistence.internal;

/**
 * Binomial coefficients {@code C(v, k)} for {@code v ∈ [0, n]}, {@code k ∈ [0, maxK]}, the basis of the
 * combinatorial number system: the simplex {@code v_k > … > v_0} has index {@code Σ C(v_i, i + 1)}.
 * Construction fails, naming n and k, if {@code C(n, maxK)} does not fit in a signed 64-bit index.
 */
public final class BinomialTable {

    private final long[][] table; // [k][v]

    /**
     * @throws IllegalArgumentException if some {@code C(v, k)}, {@code v <= n}, {@code k <= maxK}, overflows
     */
    public BinomialTable(int n, int maxK) {
        if (n < 0 || maxK < 0) {
            throw new IllegalArgumentException("n = " + n + " and maxK = " + maxK + " must be >= 0");
        }
        table = new long[maxK + 1][n + 1];
        for (int v = 0; v <= n; v++) {
            table[0][v] = 1;
        }
        for (int k = 1; k <= maxK; k++) {
            long[] prev = table[k - 1];
            long[] cur = table[k];
            for (int v = 1; v <= n; v++) {
                try {
                    cur[v] = Math.addExact(cur[v - 1], prev[v - 1]);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("simplex index overflow: C(" + v + ", " + k
                            + ") exceeds 2^63 - 1; " + n + " points with simplices of " + k
                            + " vertices cannot be indexed in 64 bits (reduce n or the dimension)");
                }
            }
        }
    }

    /** {@code C(v, k)}; 0 when {@code v < k}. */
    public long get(int v, int k) {
        return table[k][v];
    }

    /** The row {@code C(·, k)}, for hot loops (do not modify). */
    long[] row(int k) {
        return table[k];
    }

    /** The rows {@code C(·, 0)} .. {@code C(·, count - 1)}, for hot loops (do not modify them). */
    long[][] rows(int count) {
        long[][] b = new long[count][];
        for (int k = 0; k < count; k++) {
            b[k] = table[k];
        }
        return b;
    }
}
