package org.attnplanes.topology.features;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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
    /** Name → position, built on first lookup (a benign race: every thread builds the same map). */
    private volatile Map<String, Integer> index;

    private FeatureVector(List<String> names, double[] values) {
        this(names, values, indexOf(names));
    }

    private FeatureVector(List<String> names, double[] values, Map<String, Integer> index) {
        this.names = names;
        this.values = values;
        this.index = index;
    }

    /** Name → position; fails naming the first repeated name. */
    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> idx = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            if (idx.put(names.get(i), i) != null) {
                throw new IllegalArgumentException("feature name \"" + names.get(i) + "\" occurs twice");
            }
        }
        return Collections.unmodifiableMap(idx);
    }

    /** Fails naming the first repeated name. */
    static void checkUnique(List<String> names) {
        indexOf(names);
    }

    /**
     * A vector over an unmodifiable list of names already checked by {@link #checkUnique}, taking ownership of
     * {@code values} (no copies, no index until a lookup needs one): for computing classes that precompute
     * their names.
     */
    static FeatureVector ofUnique(List<String> uniqueNames, double[] values) {
        return new FeatureVector(uniqueNames, values, null);
    }

    private Map<String, Integer> index() {
        Map<String, Integer> m = index;
        if (m == null) {
            m = indexOf(names);
            index = m;
        }
        return m;
    }

    /**
     * The last concatenations of two name lists that were checked, by identity: {left, right, concatenated} per
     * entry, newest first, at most {@value #CONCAT_CACHE} (a plane's features are a chain of concatenations, each of
     * its own pair of lists; one entry would be missed by every link of a chain). Replaced whole on a miss.
     */
    private static volatile Object[][] lastConcats = new Object[0][];

    private static final int CONCAT_CACHE = 8;

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
        return new FeatureVector(List.copyOf(names), Arrays.copyOf(values, values.length));
    }

    private static final FeatureVector EMPTY = new FeatureVector(List.of(), new double[0]);

    /** An empty vector (one shared instance: it is immutable). */
    public static FeatureVector empty() {
        return EMPTY;
    }

    /** Concatenation of this vector and {@code other} (names must stay unique). */
    public FeatureVector concat(FeatureVector other) {
        double[] v = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, v, values.length, other.values.length);
        return new FeatureVector(joined(names, other.names), v, null);
    }

    /**
     * {@code a.concat(b).concat(c)} without the intermediate vector (a plane's features are three parts; the
     * intermediate values array was a fifth of the statistics' allocation per plane).
     */
    public static FeatureVector concat(FeatureVector a, FeatureVector b, FeatureVector c) {
        int ab = a.values.length + b.values.length;
        double[] v = Arrays.copyOf(a.values, ab + c.values.length);
        System.arraycopy(b.values, 0, v, a.values.length, b.values.length);
        System.arraycopy(c.values, 0, v, ab, c.values.length);
        return new FeatureVector(joined(joined(a.names, b.names), c.names), v, null);
    }

    /**
     * The names {@code left} then {@code right}, checked unique; the same two lists (by identity: e.g. the
     * precomputed names of one feature class per plane) are joined and checked once and then handed out again.
     */
    private static List<String> joined(List<String> left, List<String> right) {
        Object[][] cache = lastConcats;
        for (Object[] last : cache) {
            if (last[0] == left && last[1] == right) {
                @SuppressWarnings("unchecked")
                List<String> joined = (List<String>) last[2];
                return joined;
            }
        }
        String[] n = new String[left.size() + right.size()];
        for (int i = 0; i < left.size(); i++) {
            n[i] = left.get(i);
        }
        for (int i = 0; i < right.size(); i++) {
            n[left.size() + i] = right.get(i);
        }
        List<String> joined = List.of(n);
        checkUnique(joined);
        Object[][] next = new Object[Math.min(CONCAT_CACHE, cache.length + 1)][];
        next[0] = new Object[] {left, right, joined};
        System.arraycopy(cache, 0, next, 1, next.length - 1);
        lastConcats = next;
        return joined;
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
        Integer i = index().get(name);
        if (i == null) {
            throw new IllegalArgumentException("feature \"" + name + "\" is not one of " + names);
        }
        return values[i];
    }

    /** Whether a feature of that name exists. */
    public boolean has(String name) {
        return index().containsKey(name);
    }

    /** Copies the values in order into {@code target} from {@code offset} on. */
    public void copyTo(double[] target, int offset) {
        System.arraycopy(values, 0, target, offset, values.length);
    }

    /** A copy of the values in order. */
    public double[] toArray() {
        return Arrays.copyOf(values, values.length);
    }

    /** Name → value in order, unmodifiable copy. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>(values.length * 2);
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
