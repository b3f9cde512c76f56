package org.attnplanes.topology.features;

import java.util.List;
import java.util.Objects;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * The barcode features of Kushnareva et al. 2021 ({@code tda4atd/ripser_count.py}) of one attention head.
 *
 * <p>Filtration, as in the reference: weights {@code <= 1e-3} set to 0, {@code d = 1 − max(A, Aᵀ)}, zero
 * diagonal, Vietoris–Rips persistence in dimensions 0 and 1 (here {@link RipsPersistence}, Ripser's algorithm
 * and its barcodes); infinite bars are removed before any statistic. Lengths are {@code death − birth} in
 * filtration units.
 *
 * <p>Features, for each dimension {@code d ∈ {0, 1}}: {@code hd_s} sum of lengths, {@code hd_m} mean,
 * {@code hd_v} the <em>standard deviation</em> of the lengths (named "v" in the reference, computed with
 * {@code np.std}), {@code hd_e} entropy {@code −Σ p log p} with {@code p = length / Σ length}, {@code hd_nb}
 * number of bars; and the reference's selection {@code h0_t_d} (death of the longest bar),
 * {@code h0_n_d_m_t0.75}, {@code h0_n_d_m_t0.5} (bars with death {@code >=} 0.75 / 0.5),
 * {@code h0_n_d_l_t0.25} (death {@code <=} 0.25), {@code h1_t_b} (birth of the longest bar),
 * {@code h1_n_b_m_t0.25} (birth {@code >=} 0.25), {@code h1_n_b_l_t0.95}, {@code h1_n_b_l_t0.70}
 * (birth {@code <=} 0.95 / 0.70). Empty barcodes give 0 for every feature, as in the reference. The longest
 * bar is the first of maximal length in the engine's order (Ripser's order).
 */
public final class BarcodeFeatures {

    /** Weights at or below this are set to 0 before the filtration (the reference's {@code lower_bound}). */
    public static final float LOWER_BOUND = 1e-3f;

    private static final List<String> NAMES = List.of(
            "h0_s", "h0_m", "h0_v", "h0_e", "h0_nb", "h0_t_d", "h0_n_d_m_t0.75", "h0_n_d_m_t0.5", "h0_n_d_l_t0.25",
            "h1_s", "h1_m", "h1_v", "h1_e", "h1_nb", "h1_t_b", "h1_n_b_m_t0.25", "h1_n_b_l_t0.95", "h1_n_b_l_t0.70");

    static {
        FeatureVector.checkUnique(NAMES);
    }

    private final RipsPersistence persistence;

    /** Dimensions 0 and 1, Z/2. */
    public BarcodeFeatures() {
        this.persistence = new RipsPersistence(1);
    }

    /** The feature names in order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The reference filtration of a raw attention matrix: weights {@code <= 1e-3} zeroed, {@code 1 − max(A, Aᵀ)}. */
    public static Filtration filtration(AttentionMatrix attention) {
        Objects.requireNonNull(attention, "attention");
        return Filtration.fromWeights(attention, 0f, LOWER_BOUND, CONVENTION);
    }

    /** {@link #filtration(AttentionMatrix)} of the row-major {@code n × n} matrix {@code rowMajor} (read, not copied). */
    public static Filtration filtration(int n, float[] rowMajor) {
        return Filtration.fromWeights(n, rowMajor, 0f, LOWER_BOUND, CONVENTION);
    }

    private static final String CONVENTION = "1 - max(w_ij, w_ji) of an attention matrix, weights <= " + LOWER_BOUND
            + " set to 0";

    /** Computes the persistence of {@link #filtration} and the features. */
    public FeatureVector compute(AttentionMatrix attention) {
        return compute(persistence.compute(filtration(attention)));
    }

    /** The features of barcodes already computed (dimensions 0 and 1 are read; a missing dimension is empty). */
    public static FeatureVector compute(Barcodes barcodes) {
        Objects.requireNonNull(barcodes, "barcodes");
        double[] v = new double[NAMES.size()];
        for (int dim = 0; dim <= 1; dim++) {
            List<PersistenceInterval> bars = dim <= barcodes.maxDimension() ? barcodes.dimension(dim).intervals()
                    : List.of();
            dimension(bars, dim, v, dim == 0 ? 0 : 9);
        }
        return FeatureVector.ofUnique(NAMES, v); // NAMES: unique, immutable, checked once below
    }

    /**
     * The nine features of one dimension's bars into {@code v} from {@code k}: one pass over the bars for the
     * lengths (finite bars only, in the engine's order), their sum, the first longest bar and the threshold
     * counts, then the standard deviation and the entropy over the lengths in the same order (so the same
     * doubles as summing bar by bar over the finite bars).
     */
    private static void dimension(List<PersistenceInterval> bars, int dim, double[] v, int k) {
        int size = bars.size();
        double[] len = new double[size];
        int m = 0;
        double sum = 0;
        double longestLength = 0;
        float longestBirth = 0f;
        float longestDeath = 0f;
        int over = 0;   // dim 0: death >= 0.75; dim 1: birth >= 0.25
        int middle = 0; // dim 0: death >= 0.5;  dim 1: birth <= 0.95
        int under = 0;  // dim 0: death <= 0.25; dim 1: birth <= 0.70
        for (int i = 0; i < size; i++) {
            PersistenceInterval p = bars.get(i);
            float death = p.death();
            if (death == Float.POSITIVE_INFINITY) {
                continue; // essential
            }
            float birth = p.birth();
            double l = (double) death - birth;
            len[m] = l;
            sum += l;
            if (m == 0 || l > longestLength) {
                longestLength = l;
                longestBirth = birth;
                longestDeath = death;
            }
            m++;
            // compared in double, like numpy
            if (dim == 0) {
                over += death >= 0.75 ? 1 : 0;
                middle += death >= 0.5 ? 1 : 0;
                under += death <= 0.25 ? 1 : 0;
            } else {
                over += birth >= 0.25 ? 1 : 0;
                middle += birth <= 0.95 ? 1 : 0;
                under += birth <= 0.70 ? 1 : 0;
            }
        }
        double mean = m == 0 ? 0 : sum / m;
        double var = 0;
        for (int i = 0; i < m; i++) {
            double d = len[i] - mean;
            var += d * d;
        }
        double std = m == 0 ? 0 : Math.sqrt(var / m);
        double entropy = 0;
        for (int i = 0; i < m; i++) {
            double p = len[i] / sum;
            entropy -= p * Math.log(p);
        }
        v[k] = sum;
        v[k + 1] = mean;
        v[k + 2] = std;
        v[k + 3] = entropy;
        v[k + 4] = m;
        v[k + 5] = m == 0 ? 0 : dim == 0 ? longestDeath : longestBirth;
        v[k + 6] = over;
        v[k + 7] = middle;
        v[k + 8] = under;
    }
}
