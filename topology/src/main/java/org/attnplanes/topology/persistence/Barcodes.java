package org.attnplanes.topology.persistence;

import java.util.List;
import java.util.Objects;

/**
 * The barcodes of dimensions {@code 0..maxDimension()}, immutable; {@code byDimension.get(k)} has
 * dimension {@code k}.
 *
 * @param byDimension one barcode per dimension, in order, starting at 0
 */
public record Barcodes(List<Barcode> byDimension) {

    /** Validates and copies. */
    public Barcodes {
        byDimension = List.copyOf(Objects.requireNonNull(byDimension, "byDimension"));
        for (int k = 0; k < byDimension.size(); k++) {
            if (byDimension.get(k).dimension() != k) {
                throw new IllegalArgumentException("byDimension.get(" + k + ") has dimension "
                        + byDimension.get(k).dimension() + "; it must be " + k);
            }
        }
    }

    /** The highest dimension computed ({@code -1} if empty). */
    public int maxDimension() {
        return byDimension.size() - 1;
    }

    /**
     * The barcode of dimension {@code k}.
     *
     * @throws IllegalArgumentException if {@code k} is outside {@code [0, maxDimension()]}
     */
    public Barcode dimension(int k) {
        if (k < 0 || k >= byDimension.size()) {
            throw new IllegalArgumentException("dimension = " + k + " is outside [0, " + maxDimension() + "]");
        }
        return byDimension.get(k);
    }

    /** The intervals of dimension {@code k}. */
    public List<PersistenceInterval> intervals(int k) {
        return dimension(k).intervals();
    }
}
