package org.attnplanes.topology.divergence;

import java.util.Arrays;
import java.util.Objects;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * R-Cross-Barcodes and Representation Topology Divergence between two distance matrices over the same n
 * objects (Barannikov, Trofimov, Sotnikov, Trimbach, Korotin, Filippov, Burnaev 2022, "Representation Topology
 * Divergence"), built as the authors' {@code rtd.barcodes.calc_embed_dist} builds it:
 *
 * <pre>
 *            |   0       r1ᵀ       |     vertices 0..n−1: copies with all mutual distances 0
 *   m  =     |   r1   min(r1, r2)  |     vertices n..2n−1: the objects
 * </pre>
 *
 * <p>after an optional normalization of r1 and r2 (the published default divides each by its 0.9 quantile;
 * attention distances {@code 1 − w} already live in [0, 1], so {@link Normalization#NONE} is this toolkit's
 * default), entries {@code < 1e-6 · mean(r1)} are set to 0, and the Vietoris–Rips barcodes of the 2n-point
 * matrix (the cross-filtration) are the R-Cross-Barcode<sub>k</sub>(r1, r2). {@code RTD(r1, r2) =
 * (ΣH1(r1, r2) + ΣH1(r2, r1)) / 2} over bar lengths (the published {@code rtd1}; the published {@code rtd}
 * averages it over random subsamples, which for planes of a few hundred tokens is not needed).
 *
 * <p>The barcodes come from {@link RipsPersistence} (Z/2, enclosing-radius cut), which gives Ripser's
 * barcodes; the published code uses ripser++, which computes the same ones.
 */
public final class CrossBarcodes {

    /** How r1 and r2 are scaled before the cross-filtration is built (the published {@code norm} argument). */
    public enum Normalization {
        /** As given (this toolkit's default for attention distances). */
        NONE,
        /** Divided by the 0.9 quantile of all n² entries (the published default). */
        QUANTILE,
        /** Divided by the median of all n² entries. */
        MEDIAN,
        /** Divided by the mean of all n² entries. */
        MEAN
    }

    private CrossBarcodes() {
    }

    /** Barcodes of one direction, and their H0/H1 totals. */
    public record Result(Barcodes barcodes, double h0Total, double h1Total, int h1Count) {
    }

    /**
     * The R-Cross-Barcodes H0..maxDimension of (r1, r2).
     *
     * @param r1           distances of side A (finite)
     * @param r2           distances of side B over the same objects (finite)
     * @param norm         scaling of r1 and r2 before the construction
     * @param maxDimension highest homology dimension (0..3)
     */
    public static Result crossBarcodes(DistanceMatrix r1, DistanceMatrix r2, Normalization norm, int maxDimension) {
        Filtration f = Filtration.fromDistances(crossMatrix(r1, r2, norm));
        Barcodes b = new RipsPersistence(maxDimension).compute(f);
        return new Result(b, total(b, 0), maxDimension >= 1 ? total(b, 1) : 0,
                maxDimension >= 1 ? b.dimension(1).size() : 0);
    }

    /** RTD(r1, r2) = (ΣH1(r1, r2) + ΣH1(r2, r1)) / 2. */
    public static double rtd(DistanceMatrix r1, DistanceMatrix r2, Normalization norm) {
        return (crossBarcodes(r1, r2, norm, 1).h1Total() + crossBarcodes(r2, r1, norm, 1).h1Total()) / 2;
    }

    /** Total length of the finite bars of dimension k. */
    static double total(Barcodes b, int k) {
        if (k > b.maxDimension()) {
            return 0;
        }
        double s = 0;
        for (PersistenceInterval iv : b.intervals(k)) {
            if (!iv.isEssential()) {
                s += (double) iv.death() - iv.birth();
            }
        }
        return s;
    }

    /**
     * The 2n × 2n cross-filtration matrix (lower triangle), as the published code builds it (float64 there,
     * rounded to float32 here as ripser++ reads it), with one relabelling: the objects come first (vertex x is
     * the published vertex n + x, vertex n + x the published copy x). Barcodes do not depend on vertex labels;
     * with this order the engine's apparent and emergent pairs catch more columns (about 2× faster on
     * 128-token attention planes).
     */
    public static DistanceMatrix crossMatrix(DistanceMatrix r1, DistanceMatrix r2, Normalization norm) {
        Objects.requireNonNull(r1, "r1");
        Objects.requireNonNull(r2, "r2");
        Objects.requireNonNull(norm, "norm");
        int n = r1.size();
        if (r2.size() != n) {
            throw new IllegalArgumentException("the two planes have " + n + " and " + r2.size()
                    + " objects; cross-barcodes need the same objects (tokens) on both sides");
        }
        double[] a = full(r1);
        double[] b = full(r2);
        double s1 = scale(a, norm);
        double s2 = scale(b, norm);
        double mean = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] /= s1;
            b[i] /= s2;
            mean += a[i];
        }
        mean /= a.length;
        double cut = mean * 1e-6;
        int size = 2 * n;
        float[] lower = new float[(int) ((long) size * (size - 1) / 2)];
        int k = 0;
        for (int i0 = 1; i0 < size; i0++) {
            for (int j0 = 0; j0 < i0; j0++) {
                int i = i0 < n ? i0 + n : i0 - n; // objects first (see crossMatrix)
                int j = j0 < n ? j0 + n : j0 - n;
                if (i < j) { int t = i; i = j; j = t; }
                double v;
                if (i < n) {
                    v = 0; // both copies
                } else if (j < n) {
                    v = a[(i - n) * n + j]; // d[n + x, y] = r1[x, y]
                } else {
                    v = Math.min(a[(i - n) * n + (j - n)], b[(i - n) * n + (j - n)]);
                }
                lower[k++] = v < cut ? 0f : (float) v;
            }
        }
        return DistanceMatrix.fromLowerTriangular(size, lower);
    }

    private static double[] full(DistanceMatrix d) {
        int n = d.size();
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float v = i == j ? 0f : d.distance(i, j);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("distance(" + i + ", " + j + ") = " + v
                            + "; cross-barcodes need every distance finite (no minimum-weight cut)");
                }
                out[i * n + j] = v;
            }
        }
        return out;
    }

    private static double scale(double[] v, Normalization norm) {
        if (norm == Normalization.NONE) {
            return 1;
        }
        if (norm == Normalization.MEAN) {
            return Arrays.stream(v).average().orElse(1);
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return quantile(s, norm == Normalization.MEDIAN ? 0.5 : 0.9);
    }

    /** NumPy's default (linear) quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
