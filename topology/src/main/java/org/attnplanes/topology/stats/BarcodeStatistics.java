package org.attnplanes.topology.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * Statistics derived from barcodes: Betti numbers at filtration values and exact Betti curves, the Euler
 * characteristic curve, total persistence, persistence entropy, counts of long bars and the longest bar.
 * All values are in filtration units ({@code 1 − w} for attention; a value {@code t} corresponds to the
 * weight threshold {@code w ≥ 1 − t}).
 *
 * <p>A bar {@code [b, d)} is alive at {@code t} when {@code b <= t < d} (GUDHI's
 * {@code persistent_betti_numbers(t, t)}), so {@code β_k(t)} is the k-th Betti number of the clique complex
 * at value {@code t}.
 *
 * <pre>{@code
 * Barcodes b = new RipsPersistence(2).compute(filtration);
 * int[] betti = BarcodeStatistics.bettiNumbers(b, 0.5);       // β_0..β_2 at t = 0.5
 * double h = BarcodeStatistics.persistenceEntropy(b.dimension(1));
 * }</pre>
 */
public final class BarcodeStatistics {

    private BarcodeStatistics() {
    }

    /** {@code β_k(t)}: the number of bars of {@code barcode} alive at {@code t}. */
    public static int betti(Barcode barcode, double t) {
        Objects.requireNonNull(barcode, "barcode");
        int c = 0;
        for (PersistenceInterval p : barcode.intervals()) {
            if (p.isAliveAt(t)) {
                c++;
            }
        }
        return c;
    }

    /** {@code [β_0(t), …, β_K(t)]} for every computed dimension (a fresh array). */
    public static int[] bettiNumbers(Barcodes barcodes, double t) {
        int[] out = new int[barcodes.byDimension().size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = betti(barcodes.dimension(k), t);
        }
        return out;
    }

    /**
     * {@link #bettiNumbers(Barcodes, double)} at several values in one scan of the bars: {@code out[g][k]} is
     * {@code β_k(values[g])} (fresh arrays). A bar {@code [b, d)} is alive at v iff {@code b <= v} and not
     * {@code d <= v} ({@code b <= d}), so for up to four values above 0 each bar adds two branch-free comparisons of
     * the floats' bits per value (the ends are {@code >= 0} or {@code +∞}; -0 is taken as +0); other values are
     * compared as floats.
     */
    public static int[][] bettiNumbers(Barcodes barcodes, float[] values) {
        int dims = barcodes.byDimension().size();
        int count = values.length;
        int[][] out = new int[count][dims];
        boolean positive = true;
        for (float v : values) {
            positive &= v > 0f;
        }
        if (count == 0 || !positive || count > 4) {
            for (int k = 0; k < dims; k++) {
                List<PersistenceInterval> bars = barcodes.dimension(k).intervals();
                for (int i = 0, size = bars.size(); i < size; i++) {
                    PersistenceInterval p = bars.get(i);
                    for (int g = 0; g < count; g++) {
                        float v = values[g];
                        out[g][k] += p.birth() <= v && v < p.death() ? 1 : 0;
                    }
                }
            }
            return out;
        }
        // up to four values above 0, counted in registers (a missing value's count is not read)
        int v0 = Float.floatToRawIntBits(values[0]);
        int v1 = count > 1 ? Float.floatToRawIntBits(values[1]) : 0;
        int v2 = count > 2 ? Float.floatToRawIntBits(values[2]) : 0;
        int v3 = count > 3 ? Float.floatToRawIntBits(values[3]) : 0;
        for (int k = 0; k < dims; k++) {
            List<PersistenceInterval> bars = barcodes.dimension(k).intervals();
            int a0 = 0;
            int a1 = 0;
            int a2 = 0;
            int a3 = 0;
            for (int i = 0, size = bars.size(); i < size; i++) {
                PersistenceInterval p = bars.get(i);
                int b = Float.floatToRawIntBits(p.birth());
                int d = Float.floatToRawIntBits(p.death());
                b &= ~(b >> 31);
                d &= ~(d >> 31);
                a0 += ((v0 - d) >>> 31) - ((v0 - b) >>> 31);
                a1 += ((v1 - d) >>> 31) - ((v1 - b) >>> 31);
                a2 += ((v2 - d) >>> 31) - ((v2 - b) >>> 31);
                a3 += ((v3 - d) >>> 31) - ((v3 - b) >>> 31);
            }
            out[0][k] = a0;
            if (count > 1) {
                out[1][k] = a1;
            }
            if (count > 2) {
                out[2][k] = a2;
            }
            if (count > 3) {
                out[3][k] = a3;
            }
        }
        return out;
    }

    /** The exact Betti curve {@code t ↦ β_k(t)} of one barcode. */
    public static StepCurve bettiCurve(Barcode barcode) {
        return signedCurve(List.of(barcode), new int[] {1});
    }

    /**
     * The Euler characteristic curve {@code t ↦ Σ_k (−1)^k β_k(t)} over the computed dimensions. By the
     * Euler–Poincaré formula it equals {@code Σ_k (−1)^k s_k(t)} (s_k = number of k-simplices of the clique
     * complex at t) whenever the complex has no homology above {@code maxDimension} — e.g. when every clique
     * has at most {@code maxDimension + 1} vertices.
     */
    public static StepCurve eulerCharacteristicCurve(Barcodes barcodes) {
        int dims = barcodes.byDimension().size();
        int[] signs = new int[dims];
        for (int k = 0; k < dims; k++) {
            signs[k] = (k & 1) == 0 ? 1 : -1;
        }
        return signedCurve(barcodes.byDimension(), signs);
    }

    private static StepCurve signedCurve(List<Barcode> barcodes, int[] signs) {
        int events = 0;
        for (Barcode b : barcodes) {
            events += 2 * b.size();
        }
        double[] ex = new double[events];
        int[] ed = new int[events];
        int e = 0;
        for (int k = 0; k < barcodes.size(); k++) {
            for (PersistenceInterval p : barcodes.get(k).intervals()) {
                ex[e] = p.birth();
                ed[e++] = signs[k];
                if (!p.isEssential()) {
                    ex[e] = p.death();
                    ed[e++] = -signs[k];
                }
            }
        }
        Integer[] order = new Integer[e];
        for (int i = 0; i < e; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(ex[a], ex[b]));
        double[] xs = new double[e];
        int[] vs = new int[e];
        int m = 0;
        int value = 0;
        for (int i = 0; i < e; ) {
            double x = ex[order[i]];
            while (i < e && ex[order[i]] == x) {
                value += ed[order[i]];
                i++;
            }
            if ((m > 0 ? vs[m - 1] : 0) == value) {
                continue;
            }
            xs[m] = x;
            vs[m] = value;
            m++;
        }
        return new StepCurve(Arrays.copyOf(xs, m), Arrays.copyOf(vs, m), 0);
    }

    /** {@code Σ (d − b)} over the finite bars. */
    public static double totalPersistence(Barcode barcode) {
        return totalPersistence(barcode, 1.0);
    }

    /**
     * {@code Σ (d − b)^p} over the finite bars (essential bars are skipped).
     *
     * @throws IllegalArgumentException if {@code p} is not finite and positive
     */
    public static double totalPersistence(Barcode barcode, double p) {
        if (!(p > 0 && Double.isFinite(p))) {
            throw new IllegalArgumentException("p = " + p + " must be finite and > 0");
        }
        double s = 0;
        for (PersistenceInterval i : barcode.intervals()) {
            if (!i.isEssential()) {
                double len = (double) i.death() - i.birth();
                s += p == 1.0 ? len : Math.pow(len, p);
            }
        }
        return s;
    }

    /**
     * Persistence entropy {@code −Σ p_i ln p_i}, {@code p_i = ℓ_i / Σ ℓ} over the finite bars of positive length
     * (natural log; 0 when there are none). Kushnareva et al.'s {@code h*_e} feature.
     */
    public static double persistenceEntropy(Barcode barcode) {
        double total = totalPersistence(barcode);
        if (total <= 0) {
            return 0;
        }
        double h = 0;
        for (PersistenceInterval i : barcode.intervals()) {
            if (!i.isEssential()) {
                double q = ((double) i.death() - i.birth()) / total;
                if (q > 0) {
                    h -= q * Math.log(q);
                }
            }
        }
        return h;
    }

    /**
     * Number of bars longer than {@code epsilon} (essential bars count as infinitely long).
     *
     * @throws IllegalArgumentException if {@code epsilon} is NaN or negative
     */
    public static int countLongerThan(Barcode barcode, double epsilon) {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + " must be >= 0");
        }
        int c = 0;
        for (PersistenceInterval i : barcode.intervals()) {
            if (i.isEssential() || (double) i.death() - i.birth() > epsilon) {
                c++;
            }
        }
        return c;
    }

    /** The longest finite bar (the earliest-born one among equal lengths), if any. */
    public static Optional<PersistenceInterval> longestFiniteBar(Barcode barcode) {
        PersistenceInterval best = null;
        for (PersistenceInterval i : barcode.intervals()) {
            if (i.isEssential()) {
                continue;
            }
            if (best == null || i.length() > best.length()
                    || (i.length() == best.length() && i.birth() < best.birth())) {
                best = i;
            }
        }
        return Optional.ofNullable(best);
    }
}
