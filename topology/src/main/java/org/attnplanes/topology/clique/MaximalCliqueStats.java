package org.attnplanes.topology.clique;

import java.util.Arrays;

/**
 * Statistics of the maximal cliques of a graph: their number, their size histogram and the clique
 * number ω (size of the largest clique). An isolated vertex is a maximal clique of size 1; a graph with
 * no vertices has none.
 *
 * <p>Immutable.
 */
public final class MaximalCliqueStats {

    private final long[] histogram; // histogram[k - 1] = number of maximal cliques of size k

    MaximalCliqueStats(long[] histogram) {
        int len = histogram.length;
        while (len > 0 && histogram[len - 1] == 0) {
            len--;
        }
        this.histogram = Arrays.copyOf(histogram, len);
    }

    /** Statistics from an explicit histogram ({@code histogram[k - 1]} maximal cliques of size k; copied). */
    public static MaximalCliqueStats of(long[] histogram) {
        for (int i = 0; i < histogram.length; i++) {
            if (histogram[i] < 0) {
                throw new IllegalArgumentException("histogram[" + i + "] = " + histogram[i] + " must be >= 0");
            }
        }
        return new MaximalCliqueStats(Arrays.copyOf(histogram, histogram.length));
    }

    /** Total number of maximal cliques. */
    public long count() {
        long c = 0;
        for (long h : histogram) {
            c += h;
        }
        return c;
    }

    /** The clique number ω: size of the largest clique (0 for a graph without vertices). */
    public int cliqueNumber() {
        return histogram.length;
    }

    /** Number of maximal cliques of size {@code k} (0 outside {@code 1..cliqueNumber()}). */
    public long countOfSize(int k) {
        return k >= 1 && k <= histogram.length ? histogram[k - 1] : 0L;
    }

    /** A copy of the size histogram; element {@code k - 1} counts the maximal cliques of size k. */
    public long[] histogram() {
        return Arrays.copyOf(histogram, histogram.length);
    }

    /** Mean size of a maximal clique (0 when there are none). */
    public double meanSize() {
        long c = 0;
        double s = 0;
        for (int k = 1; k <= histogram.length; k++) {
            c += histogram[k - 1];
            s += (double) k * histogram[k - 1];
        }
        return c == 0 ? 0.0 : s / c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaximalCliqueStats m && Arrays.equals(m.histogram, histogram);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(histogram);
    }

    @Override
    public String toString() {
        return "MaximalCliqueStats{count = " + count() + ", ω = " + cliqueNumber() + ", histogram = "
                + Arrays.toString(histogram) + "}";
    }
}
