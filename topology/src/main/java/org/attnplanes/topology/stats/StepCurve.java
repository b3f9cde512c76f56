package org.attnplanes.topology.stats;

import java.util.Arrays;

/**
 * An exact integer-valued right-continuous step function of the filtration value, e.g. a Betti curve
 * {@code t ↦ β_k(t)}: {@code valueAt(t) = value(i)} for {@code x(i) <= t < x(i+1)}, and {@link #initialValue()}
 * for {@code t < x(0)}. Immutable.
 */
public final class StepCurve {

    private final double[] x;
    private final int[] values;
    private final int initial;

    StepCurve(double[] x, int[] values, int initial) {
        this.x = x;
        this.values = values;
        this.initial = initial;
    }

    /** Number of breakpoints. */
    public int size() {
        return x.length;
    }

    /** Breakpoint {@code i} (increasing), in filtration units. */
    public double x(int i) {
        return x[i];
    }

    /** The value on {@code [x(i), x(i+1))}. */
    public int value(int i) {
        return values[i];
    }

    /** The value before the first breakpoint. */
    public int initialValue() {
        return initial;
    }

    /** The value at filtration value {@code t}. */
    public int valueAt(double t) {
        int k = Arrays.binarySearch(x, t);
        if (k >= 0) {
            return values[k];
        }
        int ins = -k - 1;
        return ins == 0 ? initial : values[ins - 1];
    }

    /** The values at each of {@code ts} (a fresh array). */
    public int[] sample(double[] ts) {
        int[] out = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            out[i] = valueAt(ts[i]);
        }
        return out;
    }

    /** Largest value attained. */
    public int max() {
        int m = initial;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StepCurve[").append(initial);
        for (int i = 0; i < x.length; i++) {
            sb.append(", ").append(x[i]).append("→").append(values[i]);
        }
        return sb.append(']').toString();
    }
}
