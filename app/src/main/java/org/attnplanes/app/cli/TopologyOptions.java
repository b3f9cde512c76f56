package org.attnplanes.app.cli;

import java.util.List;

import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.topology.features.FeatureReference;
import picocli.CommandLine.Option;

/**
 * Options of the topology statistics (picocli mixin): the weight thresholds at which Betti numbers and
 * clique counts are reported, the top homology dimension and the largest clique size counted. Only parses;
 * {@link #settings()} hands the values to the application layer's {@link TopologySettings}, which validates them.
 */
public final class TopologyOptions {

    static final String DEFAULT_THRESHOLDS = "0.05,0.1,0.25,0.5";

    @Option(names = "--thresholds", paramLabel = "T", split = ",", defaultValue = DEFAULT_THRESHOLDS,
            description = "Weight thresholds in (0, 1] for Betti numbers and clique counts (edges with w >= t)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<Double> thresholds;

    @Option(names = "--max-dim", paramLabel = "K", defaultValue = "" + TopologySettings.DEFAULT_MAX_DIM,
            description = "Top homology dimension of the barcodes, 0.." + TopologySettings.MAX_DIM
                    + " (default ${DEFAULT-VALUE}: H0 and H1).")
    int maxDim = TopologySettings.DEFAULT_MAX_DIM;

    @Option(names = "--max-clique", paramLabel = "K", defaultValue = "" + TopologySettings.DEFAULT_MAX_CLIQUE,
            description = "Count k-cliques for k = 2..K at each threshold (k = 2: edges), K in 2.."
                    + TopologySettings.MAX_CLIQUE + " (default ${DEFAULT-VALUE}).")
    int maxClique = TopologySettings.DEFAULT_MAX_CLIQUE;

    @Option(names = "--no-features", description = "Skip the Kushnareva et al. 2021 per-head features.")
    boolean noFeatures;

    @Option(names = "--maximal-cliques", description = "Also enumerate maximal cliques at each threshold"
            + " (columns maxcliques_t<t>, clique_number_t<t>).")
    boolean maximalCliques;

    @Option(names = "--reference", paramLabel = "R", defaultValue = "attnplanes",
            converter = Choices.ReferenceChoice.class, completionCandidates = Choices.ReferenceChoice.class,
            description = "Pipeline the Kushnareva et al. features follow: ${COMPLETION-CANDIDATES} (tda4atd: the"
                    + " published code, every attention row renormalised to sum 1 first). Default: ${DEFAULT-VALUE}.")
    FeatureReference reference = FeatureReference.ATTNPLANES;

    @Option(names = "--min-weight", paramLabel = "W", defaultValue = "0",
            description = "Weight floor in [0, 1): edges with w < W never enter the persistence filtration (faster on"
                    + " heads with a long tail of near-zero weights; recorded in provenance). Default ${DEFAULT-VALUE}:"
                    + " the full filtration.")
    float minWeight;

    /**
     * The typed settings of these options.
     *
     * @throws org.attnplanes.app.common.UserInputException naming the option when a value is out of range
     */
    public TopologySettings settings() {
        return new TopologySettings(thresholds, maxDim, maxClique, !noFeatures, maximalCliques, reference, minWeight);
    }
}
