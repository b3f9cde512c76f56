package org.attnplanes.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.MaximalCliqueStats;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.persistence.Barcodes;

/**
 * The clique and cavity statistics of one plane (one layer, or one layer × head): the persistence barcodes of
 * its flag filtration ({@code 1 − w}), and at each weight threshold t the Betti numbers, clique counts by size
 * and maximal-clique statistics of the clique complex of {@code {ij : w_ij ≥ t}}, plus the per-head features of
 * Kushnareva et al. 2021 (empty when not requested). Immutable.
 *
 * @param index      position of the plane in its graph (or in the analyzed list), {@code >= 0}
 * @param layer      the layer, {@code >= 0}
 * @param headLabel  {@code "3"} for one head, {@code "mean"}, {@code "max"}, … for a reduction; not null
 * @param size       number of nodes n
 * @param barcodes   persistence barcodes, dimensions {@code 0..maxDimension}; not null
 * @param thresholds statistics per weight threshold, in the analyzer's threshold order; not null
 * @param features   named per-head features ({@link FeatureVector#empty()} when not requested); not null
 */
public record PlaneTopology(int index, int layer, String headLabel, int size, Barcodes barcodes,
                            List<PlaneTopology.AtThreshold> thresholds, FeatureVector features) {

    /** Validates and copies. */
    public PlaneTopology {
        Objects.requireNonNull(headLabel, "headLabel");
        Objects.requireNonNull(barcodes, "barcodes");
        Objects.requireNonNull(features, "features");
        thresholds = List.copyOf(Objects.requireNonNull(thresholds, "thresholds"));
        if (index < 0 || layer < 0 || size < 0) {
            throw new IllegalArgumentException("index = " + index + ", layer = " + layer + ", size = " + size
                    + " must all be >= 0");
        }
    }

    /**
     * Statistics of the clique complex at one weight threshold.
     *
     * @param threshold       the weight threshold t: edges with {@code w >= t} are present
     * @param filtrationValue the filtration value {@code 1 − t} (float32) at which the complex is read; the
     *                        edges present are exactly those entering at or before it, so Betti numbers and
     *                        clique counts describe the same complex
     * @param edges           number of edges present
     * @param betti           β_0..β_maxDimension at the threshold (bars with birth ≤ value &lt; death)
     * @param cliques         k-clique counts (k = 1..), empty when they exceeded the clique limits and the
     *                        analyzer was told to skip rather than fail
     * @param maximalCliques  maximal-clique statistics, empty when not requested or over the limits
     */
    public record AtThreshold(double threshold, float filtrationValue, int edges, List<Integer> betti,
                              Optional<CliqueCounts> cliques, Optional<MaximalCliqueStats> maximalCliques) {

        /** Validates and copies. */
        public AtThreshold {
            betti = List.copyOf(Objects.requireNonNull(betti, "betti"));
            Objects.requireNonNull(cliques, "cliques");
            Objects.requireNonNull(maximalCliques, "maximalCliques");
        }

        /** β_k at this threshold. */
        public int betti(int k) {
            if (k < 0 || k >= betti.size()) {
                throw new IllegalArgumentException("dimension k = " + k + " is outside [0, " + (betti.size() - 1) + "]");
            }
            return betti.get(k);
        }

        /** Σ_k (−1)^k β_k over the computed dimensions. */
        public long bettiEulerCharacteristic() {
            long chi = 0;
            for (int k = 0; k < betti.size(); k++) {
                chi += (k % 2 == 0 ? 1 : -1) * (long) betti.get(k);
            }
            return chi;
        }
    }

    /** Number of homology dimensions computed minus one. */
    public int maxDimension() {
        return barcodes.maxDimension();
    }

    /**
     * The statistics at the threshold with index {@code i} in {@link #thresholds()}.
     *
     * @throws IndexOutOfBoundsException naming the index and range
     */
    public AtThreshold atThreshold(int i) {
        if (i < 0 || i >= thresholds.size()) {
            throw new IndexOutOfBoundsException("threshold index = " + i + " is outside [0, " + (thresholds.size() - 1)
                    + "]");
        }
        return thresholds.get(i);
    }
}
