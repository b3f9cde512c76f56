package org.attnplanes.app.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.topology.features.FeatureReference;
import org.attnplanes.topology.features.ResearchFeatures;

/**
 * Typed, validated settings of the topology statistics: the weight thresholds at which Betti numbers and clique
 * counts are reported, the top homology dimension, the largest clique size counted, and whether the Kushnareva
 * et al. 2021 features and the maximal cliques are computed.
 *
 * <p>Thresholds are kept sorted descending (strong edges first), without duplicates. Invalid values fail with a
 * {@link UserInputException} whose {@link UserInputException#parameter() parameter} is the command-line option
 * ({@code --thresholds}, {@code --max-dim}, {@code --max-clique}).
 *
 * @param thresholds     weight thresholds in (0, 1], at least one
 * @param maxDim         top homology dimension, 0..{@value #MAX_DIM}
 * @param maxClique      largest clique size counted, 2..{@value #MAX_CLIQUE} (k = 2 counts edges)
 * @param features       whether to add the Kushnareva et al. 2021 per-plane features
 * @param maximalCliques whether to enumerate maximal cliques at every threshold
 * @param reference      which published pipeline the features follow ({@code --reference})
 * @param research       the optional research features ({@code --la-tda}, {@code --directed-flag},
 *                       {@code --lap-eigvals}); {@link ResearchFeatures#none()} for none
 * @param minWeight      weight floor in [0, 1): edges with w below it never enter the filtration; 0 (the default)
 *                       keeps the full filtration ({@code --min-weight})
 */
public record TopologySettings(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                               boolean maximalCliques, FeatureReference reference, ResearchFeatures research,
                               float minWeight) {

    /** Settings without a weight floor. */
    public TopologySettings(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                            boolean maximalCliques, FeatureReference reference, ResearchFeatures research) {
        this(thresholds, maxDim, maxClique, features, maximalCliques, reference, research, 0f);
    }

    /** Settings without research features. */
    public TopologySettings(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                            boolean maximalCliques, FeatureReference reference) {
        this(thresholds, maxDim, maxClique, features, maximalCliques, reference, ResearchFeatures.none());
    }

    /** Settings whose features follow {@link FeatureReference#ATTNPLANES}. */
    public TopologySettings(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                            boolean maximalCliques) {
        this(thresholds, maxDim, maxClique, features, maximalCliques, FeatureReference.ATTNPLANES);
    }

    /** Default weight thresholds for Betti numbers and clique counts. */
    public static final List<Double> DEFAULT_THRESHOLDS = List.of(0.5, 0.25, 0.1, 0.05);
    /** Default top homology dimension (H0 and H1). */
    public static final int DEFAULT_MAX_DIM = 1;
    /** Default largest clique size counted. */
    public static final int DEFAULT_MAX_CLIQUE = 4;
    /** Largest allowed top homology dimension. */
    public static final int MAX_DIM = 3;
    /** Largest allowed clique size. */
    public static final int MAX_CLIQUE = 8;

    /** Validates, sorts the thresholds descending and copies them. */
    public TopologySettings {
        Objects.requireNonNull(thresholds, "thresholds");
        if (thresholds.isEmpty()) {
            throw UserInputException.about("--thresholds", "is empty; give at least one threshold in (0, 1]");
        }
        List<Double> t = new ArrayList<>();
        for (Double v : thresholds) {
            if (v == null || !(v > 0 && v <= 1)) {
                throw UserInputException.of("--thresholds", v, "is outside (0, 1]");
            }
            if (!t.contains(v)) {
                t.add(v);
            }
        }
        t.sort((a, b) -> Double.compare(b, a));
        thresholds = List.copyOf(t);
        if (maxDim < 0 || maxDim > MAX_DIM) {
            throw UserInputException.of("--max-dim", maxDim, "is outside [0, " + MAX_DIM + "]");
        }
        if (maxClique < 2 || maxClique > MAX_CLIQUE) {
            throw UserInputException.of("--max-clique", maxClique, "is outside [2, " + MAX_CLIQUE + "]");
        }
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(research, "research");
        if (!(minWeight >= 0f && minWeight < 1f)) {
            throw UserInputException.of("--min-weight", minWeight, "is outside [0, 1)");
        }
    }

    /** The defaults: {@link #DEFAULT_THRESHOLDS}, H0 and H1, cliques up to 4, features on, no maximal cliques. */
    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_THRESHOLDS, DEFAULT_MAX_DIM, DEFAULT_MAX_CLIQUE, true, false);
    }

    /** These settings with the features on or off. */
    public TopologySettings withFeatures(boolean on) {
        return new TopologySettings(thresholds, maxDim, maxClique, on, maximalCliques, reference, research, minWeight);
    }

    /** These settings with another largest clique size. */
    public TopologySettings withMaxClique(int k) {
        return new TopologySettings(thresholds, maxDim, k, features, maximalCliques, reference, research, minWeight);
    }

    /** The threshold in the middle of the list (used to label figures). */
    public double middleThreshold() {
        return thresholds.get(thresholds.size() / 2);
    }

    /** The statistics these settings select, computing the planes of one graph on {@code threads} workers. */
    public PlaneStatistics statistics(int threads) {
        return new PlaneStatistics(thresholds, maxDim, maxClique, features, maximalCliques, Math.max(1, threads),
                reference, research, minWeight);
    }
}
