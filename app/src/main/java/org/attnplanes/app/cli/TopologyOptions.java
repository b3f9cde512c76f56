package org.attnplanes.app.cli;

import java.util.ArrayList;
import java.util.List;

import org.attnplanes.app.PlaneStatistics;

import picocli.CommandLine.Option;

/**
 * Options of the topology statistics (picocli mixin): the weight thresholds at which Betti numbers and
 * clique counts are reported, the top homology dimension and the largest clique size counted.
 */
public final class TopologyOptions {

    /** Default weight thresholds for Betti numbers and clique counts. */
    public static final List<Double> DEFAULT_THRESHOLDS = List.of(0.05, 0.1, 0.25, 0.5);

    @Option(names = "--thresholds", paramLabel = "T", split = ",",
            description = "Weight thresholds in (0, 1] for Betti numbers and clique counts (edges with w >= t)."
                    + " Default: 0.05,0.1,0.25,0.5.")
    List<Double> thresholds;

    @Option(names = "--max-dim", paramLabel = "K", defaultValue = "1",
            description = "Top homology dimension of the barcodes, 0..3 (default ${DEFAULT-VALUE}: H0 and H1).")
    int maxDim = 1;

    @Option(names = "--max-clique", paramLabel = "K", defaultValue = "4",
            description = "Count k-cliques for k = 2..K at each threshold (k = 2: edges), K in 2..8"
                    + " (default ${DEFAULT-VALUE}).")
    int maxClique = 4;

    @Option(names = "--no-features", description = "Skip the Kushnareva et al. 2021 per-head features.")
    boolean noFeatures;

    @Option(names = "--maximal-cliques", description = "Also enumerate maximal cliques at each threshold"
            + " (columns maxcliques_t<t>, clique_number_t<t>).")
    boolean maximalCliques;

    /** The thresholds, validated and sorted descending (strong edges first). */
    public List<Double> thresholds() {
        List<Double> t = new ArrayList<>(thresholds == null || thresholds.isEmpty() ? DEFAULT_THRESHOLDS : thresholds);
        for (double v : t) {
            if (!(v > 0 && v <= 1)) {
                throw new UserInputException("--thresholds " + v + " is outside (0, 1]");
            }
        }
        t.sort((a, b) -> Double.compare(b, a));
        return List.copyOf(t);
    }

    /** The top homology dimension, validated. */
    public int maxDim() {
        if (maxDim < 0 || maxDim > 3) {
            throw new UserInputException("--max-dim " + maxDim + " is outside [0, 3]");
        }
        return maxDim;
    }

    /** The largest clique size counted, validated. */
    public int maxClique() {
        if (maxClique < 2 || maxClique > 8) {
            throw new UserInputException("--max-clique " + maxClique + " is outside [2, 8]");
        }
        return maxClique;
    }

    /** Whether the Kushnareva features are computed. */
    public boolean features() {
        return !noFeatures;
    }

    /** Whether maximal cliques are enumerated. */
    public boolean maximalCliques() {
        return maximalCliques;
    }

    /** The statistics these options select, computing the planes of one graph on {@code threads} workers. */
    public PlaneStatistics statistics(int threads) {
        return statistics(threads, features());
    }

    /** As {@link #statistics(int)}, with the Kushnareva features on or off regardless of {@code --no-features}. */
    public PlaneStatistics statistics(int threads, boolean withFeatures) {
        return new PlaneStatistics(thresholds(), maxDim(), maxClique(), withFeatures, maximalCliques,
                Math.max(1, threads));
    }

    /** Sets values programmatically (GUI, demo). */
    public static TopologyOptions of(List<Double> thresholds, int maxDim, int maxClique, boolean features) {
        TopologyOptions o = new TopologyOptions();
        o.thresholds = thresholds;
        o.maxDim = maxDim;
        o.maxClique = maxClique;
        o.noFeatures = !features;
        return o;
    }
}
