package org.attnplanes.app.cli;

import java.util.List;

import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.topology.features.FeatureReference;
import org.attnplanes.topology.features.ResearchFeatures;
import org.attnplanes.app.common.UserInputException;
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

    @Option(names = "--no-features", description = "Skip the Kushnareva et al. 2021 per-head features (threshold"
            + " graphs, reference barcodes, pattern distances): about two thirds of the statistics' time on"
            + " sentence-length inputs.")
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

    @Option(names = "--la-tda", description = "Add the matching number and chordality of the threshold graphs"
            + " (attn_matching_t<t>, attn_chordal_t<t>; Proskurina et al. 2023).")
    boolean laTda;

    @Option(names = "--directed-flag", paramLabel = "K", defaultValue = "-1",
            description = "Add H0..H<K> (K <= 2) of the directed flag complex of each plane's directed attention"
                    + " (dflag_h<k>_bars, dflag_h<k>_total; as flagser computes it).")
    int directedFlag = -1;

    @Option(names = "--directed-flag-min-weight", paramLabel = "W", defaultValue = "0.05",
            description = "Arcs of the directed flag complex need weight >= W (default ${DEFAULT-VALUE}).")
    float directedFlagMinWeight = 0.05f;

    @Option(names = "--lap-eigvals", paramLabel = "K", defaultValue = "0",
            description = "Add the top K LapEigvals of each plane's layer in the multi-layer graph of its head"
                    + " (lap_eig1..K; Binkowski et al. 2025).")
    int lapEigvals;

    /** The research features chosen, validated. */
    public ResearchFeatures research() {
        if (directedFlag < -1 || directedFlag > 2) {
            throw UserInputException.of("--directed-flag", directedFlag, "is outside [0, 2]");
        }
        if (!(directedFlagMinWeight >= 0f && directedFlagMinWeight <= 1f)) {
            throw UserInputException.of("--directed-flag-min-weight", directedFlagMinWeight, "is outside [0, 1]");
        }
        if (lapEigvals < 0 || lapEigvals > 64) {
            throw UserInputException.of("--lap-eigvals", lapEigvals, "is outside [0, 64]");
        }
        return new ResearchFeatures(laTda, directedFlag, directedFlagMinWeight, lapEigvals);
    }

    /**
     * The typed settings of these options.
     *
     * @throws org.attnplanes.app.common.UserInputException naming the option when a value is out of range
     */
    public TopologySettings settings() {
        return new TopologySettings(thresholds, maxDim, maxClique, !noFeatures, maximalCliques, reference,
                research(), minWeight);
    }
}
