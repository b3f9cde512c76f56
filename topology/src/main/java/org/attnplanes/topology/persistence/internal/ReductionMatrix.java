package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * The off-diagonal entries of the reduction matrix V, column by column (compressed sparse columns of
 * (diameter, index, coefficient)); only V is stored, R is recomputed from coboundaries as in Ripser.
 */
final class ReductionMatrix {

    private int[] bounds; // end offset of each column
    private int columns;
    float[] diam = new float[256];
    long[] idx = new long[256];
    int[] coef = new int[256];
    private int entries;

    /** @param columns the number of columns expected (their end offsets are allocated once) */
    ReductionMatrix(int columns) {
        bounds = new int[Math.max(64, columns)];
    }

    void appendColumn() {
        if (columns == bounds.length) {
            bounds = Arrays.copyOf(bounds, columns * 2);
        }
        bounds[columns++] = entries;
    }

    void pushBack(float d, long i, int c) {
        if (entries == diam.length) {
            int cap = entries * 2;
            diam = Arrays.copyOf(diam, cap);
            idx = Arrays.copyOf(idx, cap);
            coef = Arrays.copyOf(coef, cap);
        }
        diam[entries] = d;
        idx[entries] = i;
        coef[entries] = c;
        entries++;
        bounds[columns - 1] = entries;
    }

    int begin(int column) {
        return column == 0 ? 0 : bounds[column - 1];
    }

    int end(int column) {
        return bounds[column];
    }
}
