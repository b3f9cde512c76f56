package org.attnplanes.app.export;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The barcodes of one {@link PlaneRecord}, immutable and compact: per dimension one {@code double[]} of
 * {@code birth0, death0, birth1, death1, ...} instead of one two-element array per bar. A corpus run keeps every
 * row until the end (14,400 rows of ≈ 35 bars for 200 sentences): one array per dimension is a quarter of the
 * objects' bytes for the collector to copy. Read as {@code List<List<double[]>>}: each {@code get} of a bar returns
 * a new {@code {birth, death}} array (changing it changes nothing here). Two dimensions are equal when they hold the
 * same bars in the same order (compared by value, as {@link Arrays#equals(double[], double[])}); a list of another
 * kind is never equal to one (its arrays would be compared by identity).
 */
final class Bars extends AbstractList<List<double[]>> implements RandomAccess {

    /** The bars of one dimension. */
    static final class Dim extends AbstractList<double[]> implements RandomAccess {
        private final double[] ends;

        Dim(double[] ends) {
            this.ends = ends;
        }

        @Override
        public double[] get(int index) {
            if (index < 0 || 2 * index >= ends.length) {
                throw new IndexOutOfBoundsException("bar " + index + " of " + size());
            }
            return new double[] {ends[2 * index], ends[2 * index + 1]};
        }

        /** Birth of bar {@code index}, without an array. */
        double birth(int index) {
            return ends[2 * index];
        }

        /** Death of bar {@code index} ({@link Double#POSITIVE_INFINITY} for an essential bar), without an array. */
        double death(int index) {
            return ends[2 * index + 1];
        }

        /** {@code birth0, death0, birth1, ...}: the array itself, for the writers of this package (not to change). */
        double[] ends() {
            return ends;
        }

        @Override
        public int size() {
            return ends.length / 2;
        }

        /** Equal to another dimension of the same bars (by value); a list of another kind is never equal. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Dim d && Arrays.equals(ends, d.ends);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ends);
        }
    }

    private static final Bars NONE = new Bars(new Dim[0]);

    private final Dim[] dims;

    private Bars(Dim[] dims) {
        this.dims = dims;
    }

    /**
     * Bars of any list (each bar {@code {birth, death}}), copied; a {@code Bars} is returned as it is.
     *
     * @throws IllegalArgumentException naming a bar that is not two values
     */
    static Bars copyOf(List<List<double[]>> barcodes) {
        if (barcodes instanceof Bars b) {
            return b;
        }
        if (barcodes.isEmpty()) {
            return NONE;
        }
        Dim[] dims = new Dim[barcodes.size()];
        for (int k = 0; k < dims.length; k++) {
            List<double[]> dim = barcodes.get(k);
            if (dim instanceof Dim d) {
                dims[k] = d;
                continue;
            }
            double[] ends = new double[2 * dim.size()];
            int i = 0;
            for (double[] bar : dim) {
                if (bar.length != 2) {
                    throw new IllegalArgumentException("a bar needs {birth, death}, got " + bar.length + " values");
                }
                ends[i++] = bar[0];
                ends[i++] = bar[1];
            }
            dims[k] = new Dim(ends);
        }
        return new Bars(dims);
    }

    /** Bars from {@code birth0, death0, birth1, ...} per dimension (each array copied). */
    static Bars ofEnds(List<double[]> endsPerDimension) {
        Dim[] dims = new Dim[endsPerDimension.size()];
        for (int k = 0; k < dims.length; k++) {
            double[] ends = endsPerDimension.get(k);
            if (ends.length % 2 != 0) {
                throw new IllegalArgumentException("dimension " + k + ": " + ends.length + " values are no bars");
            }
            dims[k] = new Dim(ends.clone());
        }
        return dims.length == 0 ? NONE : new Bars(dims);
    }

    /** Bars over {@code birth0, death0, birth1, ...} per dimension, the arrays themselves (not copied). */
    static Bars owning(double[][] endsPerDimension) {
        Dim[] dims = new Dim[endsPerDimension.length];
        for (int k = 0; k < dims.length; k++) {
            double[] ends = endsPerDimension[k];
            if (ends.length % 2 != 0) {
                throw new IllegalArgumentException("dimension " + k + ": " + ends.length + " values are no bars");
            }
            dims[k] = new Dim(ends);
        }
        return dims.length == 0 ? NONE : new Bars(dims);
    }

    @Override
    public Dim get(int index) {
        return dims[index];
    }

    @Override
    public int size() {
        return dims.length;
    }
}
