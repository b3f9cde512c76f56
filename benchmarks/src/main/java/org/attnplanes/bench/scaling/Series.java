package org.attnplanes.bench.scaling;

import java.util.Arrays;

/**
 * One line of the scaling table: a stage, who computed it (ours or the peer / baseline run beside it), a unit,
 * and one value per token count n. A value is NaN where it was not measured; a note replaces the value in the
 * table where the run did not finish (the value is then a lower bound and takes no part in the slope).
 */
final class Series {

    final String stage;
    final String who;
    final boolean ours;
    final String unit;
    final double[] values;
    final String[] notes;

    Series(String stage, String who, boolean ours, String unit, int count) {
        this.stage = stage;
        this.who = who;
        this.ours = ours;
        this.unit = unit;
        this.values = new double[count];
        this.notes = new String[count];
        Arrays.fill(values, Double.NaN);
    }

    /** A finished measurement at the i-th n. */
    void set(int i, double value) {
        values[i] = value;
        notes[i] = null;
    }

    /** An unfinished one: {@code note} is shown instead of a value, {@code lowerBound} is kept for the record. */
    void unfinished(int i, double lowerBound, String note) {
        values[i] = lowerBound;
        notes[i] = note;
    }

    boolean finished(int i) {
        return notes[i] == null && Double.isFinite(values[i]) && values[i] > 0;
    }

    /**
     * The least-squares slope of log(value) against log(n) over the finished points with {@code n >= from}:
     * the exponent e of value ∝ n^e. NaN with fewer than two such points.
     */
    double slope(int[] ns, int from) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int k = 0;
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] >= from && finished(i)) {
                double x = Math.log(ns[i]);
                double y = Math.log(values[i]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                k++;
            }
        }
        if (k < 2) {
            return Double.NaN;
        }
        double den = k * sxx - sx * sx;
        return den == 0 ? Double.NaN : (k * sxy - sx * sy) / den;
    }
}
