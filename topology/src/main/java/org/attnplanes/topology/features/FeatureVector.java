package org.attnplanes.topology.features;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered list of named numeric features (e.g. {@code edges_t0.10 = 143}, {@code h1_s = 2.7}).
 * Names are unique; values are doubles ({@code NaN} allowed and meaning "not computed").
 *
 * <p>Immutable.
 */
public final class FeatureVector {

    private final List<String> names;
    private final double[] values;
    private final Map<String, Integer> index;

    private FeatureVector(List<String> names, double[] values) {
        this.names = names;
        this.values = values;
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (idx.put(names.get(i), i) != null) {
                throw new IllegalArgumentException("feature name \"" + names.get(i) + "\" occurs twice");
            }
        }
        this.index = Collections.unmodifiableMap(idx);
    }

    /**
     * A feature vector from parallel lists.
     *
     * @throws IllegalArgumentException if the lengths differ or a name repeats
     */
    public static FeatureVector of(List<String> names, double[] values) {
        Objects.requireNonNull(names, "names");
        if (names.size() != values.length) {
            throw new IllegalArgumentException("names.size() = " + names.size() + " must equal values.length = "
                    + values.length);
        }
        return new FeatureVector(List.copyOf(names), values.clone());
    }

    /** An empty vector. */
    public static FeatureVector empty() {
        return new FeatureVector(List.of(), new double[0]);
    }

    /** Concatenation of this vector and {@code other} (names must stay unique). */
    public FeatureVector concat(FeatureVector other) {
        String[] n = new String[names.size() + other.names.size()];
        double[] v = new double[n.length];
        for (int i = 0; i < names.size(); i++) {
            n[i] = names.get(i);
            v[i] = values[i];
        }
        for (int i = 0; i < other.names.size(); i++) {
            n[names.size() + i] = other.names.get(i);
            v[names.size() + i] = other.values[i];
        }
        return new FeatureVector(List.of(n), v);
    }

    /** Number of features. */
    public int size() {
        return values.length;
    }

    /** The names in order, unmodifiable. */
    public List<String> names() {
        return names;
    }

    /** The value at position {@code i}. */
    public double value(int i) {
        Objects.checkIndex(i, values.length);
        return values[i];
    }

    /**
     * The value of the named feature.
     *
     * @throws IllegalArgumentException naming the feature and listing the known names
     */
    public double get(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("feature \"" + name + "\" is not one of " + names);
        }
        return values[i];
    }

    /** Whether a feature of that name exists. */
    public boolean has(String name) {
        return index.containsKey(name);
    }

    /** A copy of the values in order. */
    public double[] toArray() {
        return values.clone();
    }

    /** Name → value in order, unmodifiable copy. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector f && f.names.equals(names) && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FeatureVector" + asMap();
    }
}
