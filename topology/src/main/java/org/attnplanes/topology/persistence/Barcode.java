package org.attnplanes.topology.persistence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bars of one homology dimension, immutable. Zero-length bars are never included (as in Ripser).
 * Intervals are in the engine's order: dimension 0 by increasing death then the essential bars; higher
 * dimensions in column order (decreasing birth). Use {@link #sorted()} for a canonical order.
 *
 * <p>{@code representatives} is either empty (not requested, or dimension ≠ 1) or has one entry per
 * interval: a representative <em>cocycle</em> of the bar (Z/p coefficients), as a list of edges. Its support
 * is a set of edges that every cycle of the class crosses an odd number of times (Z/2), so it marks where
 * the cavity "is cut"; it is what persistent cohomology yields directly.
 *
 * @param dimension       the homology dimension, {@code >= 0}
 * @param intervals       the bars
 * @param representatives empty, or one cocycle per interval (dimension 1 only)
 */
public record Barcode(int dimension, List<PersistenceInterval> intervals, List<List<CochainEdge>> representatives) {

    /** Validates and copies. */
    public Barcode {
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension = " + dimension + " must be >= 0");
        }
        intervals = List.copyOf(Objects.requireNonNull(intervals, "intervals"));
        if (Objects.requireNonNull(representatives, "representatives").isEmpty()) {
            representatives = List.of(); // the usual case: no list to build and copy
        } else {
            List<List<CochainEdge>> reps = new ArrayList<>();
            for (List<CochainEdge> r : representatives) {
                reps.add(List.copyOf(r));
            }
            representatives = List.copyOf(reps);
        }
        if (!representatives.isEmpty() && representatives.size() != intervals.size()) {
            throw new IllegalArgumentException("representatives has " + representatives.size()
                    + " entries; it must be empty or have one per interval (" + intervals.size() + ")");
        }
    }

    /** A barcode without representatives. */
    public Barcode(int dimension, List<PersistenceInterval> intervals) {
        this(dimension, intervals, List.of());
    }

    /** Number of bars. */
    public int size() {
        return intervals.size();
    }

    /** The representative cocycle of bar {@code k}, if computed. */
    public Optional<List<CochainEdge>> representative(int k) {
        Objects.checkIndex(k, intervals.size());
        return representatives.isEmpty() ? Optional.empty() : Optional.of(representatives.get(k));
    }

    /** Number of essential (infinite) bars. */
    public int essentialCount() {
        int c = 0;
        for (PersistenceInterval p : intervals) {
            if (p.isEssential()) {
                c++;
            }
        }
        return c;
    }

    /** The intervals sorted by (birth, death), a canonical order for comparisons. */
    public List<PersistenceInterval> sorted() {
        List<PersistenceInterval> s = new ArrayList<>(intervals);
        s.sort(Comparator.comparingDouble(PersistenceInterval::birth).thenComparingDouble(PersistenceInterval::death));
        return List.copyOf(s);
    }
}
