package org.attnplanes.topology.persistence;

import java.util.Objects;
import java.util.function.Consumer;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.internal.RipsEngine;

/**
 * Persistent homology of the clique (flag / Vietoris–Rips) complex of a {@link Filtration}, computed like
 * Ripser (Bauer 2021): persistent cohomology with clearing, implicit coboundaries over simplices indexed in
 * the combinatorial number system, apparent and emergent zero-persistence pairs, H0 by union-find, the
 * enclosing-radius cut when there is no threshold, neighbour lists for sparse (thresholded) inputs, and
 * optionally the edge collapse of Boissonnat &amp; Pritam (2020; as in GUDHI's {@code collapse_edges}) as an
 * exact preprocessing step.
 *
 * <p>Barcodes contain only bars of positive length. Dimension {@code k} bars are exact float32 values of the
 * filtration (births and deaths are edge values), identical to Ripser's.
 *
 * <pre>{@code
 * Barcodes b = new RipsPersistence(2).compute(Filtration.fromDistances(d));
 * }</pre>
 *
 * <p>Immutable and thread-safe: every call allocates its own working memory.
 */
public final class RipsPersistence implements PersistenceAlgorithm {

    /** Highest supported homology dimension. */
    public static final int MAX_DIMENSION = 3;

    private final int maxDimension;
    private final int modulus;
    private final boolean edgeCollapse;
    private final boolean representatives;

    /** Dimensions 0..1, Z/2, no edge collapse, no representatives. */
    public RipsPersistence() {
        this(1);
    }

    /** Dimensions {@code 0..maxDimension}, Z/2, no edge collapse, no representatives. */
    public RipsPersistence(int maxDimension) {
        this(maxDimension, 2, false, false);
    }

    /**
     * Full configuration.
     *
     * @param maxDimension    highest homology dimension, in {@code [0, 3]} (default 1)
     * @param modulus         prime p of the coefficient field Z/p, in {@code [2, 251]} (default 2)
     * @param edgeCollapse    collapse dominated edges first (same barcodes; faster on structured inputs)
     * @param representatives compute a representative cocycle for each dimension-1 bar
     * @throws IllegalArgumentException naming the bad parameter
     */
    public RipsPersistence(int maxDimension, int modulus, boolean edgeCollapse, boolean representatives) {
        if (maxDimension < 0 || maxDimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("maxDimension = " + maxDimension + " is outside [0, " + MAX_DIMENSION + "]");
        }
        if (modulus < 2 || modulus > 251 || !isPrime(modulus)) {
            throw new IllegalArgumentException("modulus = " + modulus + " must be a prime in [2, 251]");
        }
        this.maxDimension = maxDimension;
        this.modulus = modulus;
        this.edgeCollapse = edgeCollapse;
        this.representatives = representatives;
    }

    private static boolean isPrime(int p) {
        if (p < 2) {
            return false;
        }
        for (int q = 2; q * q <= p; q++) {
            if (p % q == 0) {
                return false;
            }
        }
        return true;
    }

    /** This configuration with edge collapse switched on or off. */
    public RipsPersistence withEdgeCollapse(boolean on) {
        return new RipsPersistence(maxDimension, modulus, on, representatives);
    }

    /** This configuration with dimension-1 representatives switched on or off. */
    public RipsPersistence withRepresentatives(boolean on) {
        return new RipsPersistence(maxDimension, modulus, edgeCollapse, on);
    }

    /** This configuration with coefficients in Z/p. */
    public RipsPersistence withModulus(int p) {
        return new RipsPersistence(maxDimension, p, edgeCollapse, representatives);
    }

    /** Up to this many points a thresholded triangle is copied (the small-plane engine takes no threshold). */
    private static final int SMALL = 64;

    @Override
    public Barcodes compute(Filtration filtration) {
        Objects.requireNonNull(filtration, "filtration");
        return computeOrStream(filtration, null);
    }

    /**
     * As {@link #compute(Filtration)}, handing each dimension's barcode to {@code eachDimension} as soon as that
     * dimension is final (dimension 0 first), so that a caller can print or save it while higher dimensions are
     * still being computed.
     */
    public Barcodes compute(Filtration filtration, Consumer<Barcode> eachDimension) {
        Objects.requireNonNull(filtration, "filtration");
        return computeOrStream(filtration, Objects.requireNonNull(eachDimension, "eachDimension"));
    }

    /**
     * The barcodes of {@code Filtration.fromWeights(n, rowMajor, 0, zeroAtOrBelow, …)} (edge {i, j} entering at
     * {@code 1 − max(w_ij, w_ji)}, every weight {@code <= zeroAtOrBelow} taken as 0 first), the same as
     * {@link #compute(Filtration)} of that filtration; a small plane's values go straight from the weights into the
     * engine (no filtration is built).
     *
     * @param rowMajor the {@code n × n} weights in [0, 1], row-major, only read
     * @throws IllegalArgumentException as {@code Filtration.fromWeights} (length, a weight outside [0, 1])
     */
    public Barcodes computeFromWeights(int n, float[] rowMajor, float zeroAtOrBelow) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        Barcodes fast = RipsEngine.computeFromWeights(rowMajor, n, zeroAtOrBelow, maxDimension, modulus, edgeCollapse,
                representatives);
        return fast != null ? fast : compute(Filtration.fromWeights(n, rowMajor, 0f, zeroAtOrBelow, "weights"));
    }

    /**
     * Small or unthresholded filtrations go to the engine as they are (no copy without a threshold); a large one
     * with a threshold passes its own values and the threshold, so its triangle is not copied to apply it.
     */
    private Barcodes computeOrStream(Filtration filtration, Consumer<Barcode> sink) {
        int n = filtration.size();
        float t = filtration.threshold();
        if (t == Float.POSITIVE_INFINITY || n <= SMALL) {
            return RipsEngine.compute(filtration.readOnlyLowerTriangular(), n, maxDimension, modulus, edgeCollapse,
                    representatives, sink);
        }
        return RipsEngine.compute(filtration.readOnlyDistanceValues(), t, n, maxDimension, modulus, edgeCollapse,
                representatives, sink);
    }

    /** Highest homology dimension computed. */
    public int maxDimension() {
        return maxDimension;
    }

    /** The prime p of Z/p. */
    public int modulus() {
        return modulus;
    }

    /** Whether edge collapse runs first. */
    public boolean edgeCollapse() {
        return edgeCollapse;
    }

    /** Whether dimension-1 representative cocycles are computed. */
    public boolean representatives() {
        return representatives;
    }

    @Override
    public String toString() {
        return "RipsPersistence[maxDimension=" + maxDimension + ", Z/" + modulus + ", edgeCollapse=" + edgeCollapse
                + ", representatives=" + representatives + "]";
    }
}
