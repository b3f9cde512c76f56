package org.attnplanes.graph;

import java.util.Arrays;

/**
 * Which layers of a trace become planes: all, an inclusive range, or an explicit list (kept in the given
 * order, which must be strictly increasing). Immutable value; checked against a trace by {@link #resolve(int)}.
 */
public final class LayerSelection {

    private static final LayerSelection ALL = new LayerSelection(-1, -1, null);

    private final int from;
    private final int to;
    private final int[] list;

    private LayerSelection(int from, int to, int[] list) {
        this.from = from;
        this.to = to;
        this.list = list;
    }

    /** Every layer of the trace. */
    public static LayerSelection all() {
        return ALL;
    }

    /**
     * Layers {@code from..to}, both inclusive.
     *
     * @throws IllegalArgumentException if {@code from < 0} or {@code to < from}
     */
    public static LayerSelection range(int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("layer range " + from + ".." + to
                    + " must satisfy 0 <= from <= to");
        }
        return new LayerSelection(from, to, null);
    }

    /**
     * An explicit, strictly increasing list of layers.
     *
     * @throws IllegalArgumentException if the list is empty, has a negative entry or is not strictly increasing
     */
    public static LayerSelection of(int... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("layers is empty; select at least one layer");
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] < 0) {
                throw new IllegalArgumentException("layer = " + layers[i] + " must be >= 0");
            }
            if (i > 0 && layers[i] <= layers[i - 1]) {
                throw new IllegalArgumentException("layers " + Arrays.toString(layers)
                        + " must be strictly increasing");
            }
        }
        return new LayerSelection(-1, -1, layers.clone());
    }

    /**
     * The selected layer indices for a trace with {@code layerCount} layers.
     *
     * @throws IllegalArgumentException naming the first layer outside {@code [0, layerCount − 1]}
     */
    public int[] resolve(int layerCount) {
        int[] out;
        if (list != null) {
            out = list.clone();
        } else if (from >= 0) {
            out = new int[to - from + 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = from + i;
            }
        } else {
            out = new int[layerCount];
            for (int i = 0; i < layerCount; i++) {
                out[i] = i;
            }
        }
        for (int l : out) {
            if (l >= layerCount) {
                throw new IllegalArgumentException("layer = " + l + " is outside [0, " + (layerCount - 1)
                        + "] (the trace has " + layerCount + " layers)");
            }
        }
        return out;
    }

    /** Whether every layer is selected. */
    public boolean isAll() {
        return list == null && from < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSelection s && s.from == from && s.to == to && Arrays.equals(s.list, list);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * from + to) + Arrays.hashCode(list);
    }

    /** {@code "all"}, {@code "2..5"} or {@code "0,3,7"}; used in provenance. */
    @Override
    public String toString() {
        if (list != null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < list.length; i++) {
                sb.append(i == 0 ? "" : ",").append(list[i]);
            }
            return sb.toString();
        }
        return from < 0 ? "all" : from + ".." + to;
    }
}
