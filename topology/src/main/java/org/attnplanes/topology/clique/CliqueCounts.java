package org.attnplanes.topology.clique;

import java.util.Arrays;

/**
 * The number of k-cliques of a graph for k = 1..{@link #maxSize()} (a k-clique is a (k−1)-simplex of the
 * clique complex: 1-cliques are vertices, 2-cliques edges, 3-cliques triangles, …).
 *
 * <p>Immutable. When the counter was asked for sizes up to K only and the graph has larger cliques,
 * {@link #truncated()} is true and the counts of sizes above K are unknown (reported as 0).
 */
public final class CliqueCounts {

    private final long[] counts; // counts[k - 1] = number of k-cliques, k = 1..maxSize
    private final boolean truncated;

    CliqueCounts(long[] countsBySize, boolean truncated) {
        this.counts = countsBySize;
        this.truncated = truncated;
    }

    /**
     * Counts given explicitly (for references and tests).
     *
     * @param countsBySize {@code countsBySize[k - 1]} is the number of k-cliques; copied; each {@code >= 0}
     * @param truncated    whether cliques larger than {@code countsBySize.length} exist but were not counted
     */
    public static CliqueCounts of(long[] countsBySize, boolean truncated) {
        for (int i = 0; i < countsBySize.length; i++) {
            if (countsBySize[i] < 0) {
                throw new IllegalArgumentException("countsBySize[" + i + "] = " + countsBySize[i] + " must be >= 0");
            }
        }
        return new CliqueCounts(Arrays.copyOf(countsBySize, countsBySize.length), truncated);
    }

    /** Largest clique size K that was counted (sizes above K are unknown when {@link #truncated()}). */
    public int maxSize() {
        return counts.length;
    }

    /** Whether cliques larger than {@link #maxSize()} exist but were not counted. */
    public boolean truncated() {
        return truncated;
    }

    /**
     * The number of k-cliques; 0 for {@code k > maxSize()}.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public long count(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + " must be >= 1");
        }
        return k <= counts.length ? counts[k - 1] : 0L;
    }

    /** Largest k with a non-zero count (the clique number ω when not {@link #truncated()}), 0 for no vertices. */
    public int largestSize() {
        for (int k = counts.length; k >= 1; k--) {
            if (counts[k - 1] != 0) {
                return k;
            }
        }
        return 0;
    }

    /** A copy of the counts; element {@code k - 1} is the number of k-cliques. */
    public long[] toArray() {
        return Arrays.copyOf(counts, counts.length);
    }

    /**
     * The Euler characteristic of the clique complex, χ = Σ_k (−1)^(k−1) c_k.
     *
     * @throws IllegalStateException if the counts are {@link #truncated()} or χ overflows a long
     */
    public long eulerCharacteristic() {
        if (truncated) {
            throw new IllegalStateException("the Euler characteristic needs all clique sizes, but counting stopped at"
                    + " size " + counts.length + " and larger cliques exist; count with maxCliqueSize = "
                    + "Integer.MAX_VALUE");
        }
        long chi = 0;
        for (int k = 1; k <= counts.length; k++) {
            chi = (k % 2 == 1) ? Math.addExact(chi, counts[k - 1]) : Math.subtractExact(chi, counts[k - 1]);
        }
        return chi;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CliqueCounts c) || c.truncated != truncated) {
            return false;
        }
        // equal when they agree on every size (trailing zeros do not matter)
        int len = Math.max(counts.length, c.counts.length);
        for (int k = 1; k <= len; k++) {
            if (count(k) != c.count(k)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(Arrays.copyOf(counts, largestSize())) + Boolean.hashCode(truncated);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CliqueCounts{");
        for (int k = 1; k <= largestSize(); k++) {
            if (k > 1) {
                sb.append(", ");
            }
            sb.append(k).append(':').append(counts[k - 1]);
        }
        return sb.append(truncated ? ", … (truncated at " + counts.length + ")}" : "}").toString();
    }
}
