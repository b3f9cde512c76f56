package org.attnplanes.app.export;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable statistics map ({@code name → value}, in column order) stored as one {@code double[]} against a
 * {@link Columns} schema shared by every row of one configuration: 14,400 rows of 90 statistics cost 14,400
 * arrays instead of 1.3 million map entries, and a table writer can see at once that rows share their columns.
 * Values may be NaN; there are no null values.
 */
public final class StatsMap extends AbstractMap<String, Double> {

    /** An ordered list of distinct statistic names with an index; immutable, shared between rows. */
    public static final class Columns {
        private final List<String> names;
        private final Map<String, Integer> index;

        /** @throws IllegalArgumentException naming a name that occurs twice */
        public Columns(List<String> names) {
            this.names = List.copyOf(names);
            this.index = new HashMap<>(names.size() * 2);
            for (int i = 0; i < this.names.size(); i++) {
                if (index.put(this.names.get(i), i) != null) {
                    throw new IllegalArgumentException("statistic \"" + this.names.get(i) + "\" occurs twice");
                }
            }
        }

        /** The names in order (unmodifiable). */
        public List<String> names() {
            return names;
        }

        /** Number of columns. */
        public int size() {
            return names.size();
        }

        /** Position of {@code name}, or −1. */
        public int indexOf(Object name) {
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }
    }

    private final Columns columns;
    private final double[] values;

    /**
     * @param values one value per column (copied)
     * @throws IllegalArgumentException when the lengths differ
     */
    public StatsMap(Columns columns, double[] values) {
        this(columns, values, true);
    }

    private StatsMap(Columns columns, double[] values, boolean copy) {
        this.columns = Objects.requireNonNull(columns, "columns");
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        this.values = copy ? values.clone() : values;
    }

    /**
     * A map over {@code values} itself, not a copy, for a row made from a fresh array that nothing else holds
     * (analyze's rows): the caller must never change the array afterwards.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static StatsMap owning(Columns columns, double[] values) {
        return new StatsMap(columns, values, false);
    }

    /** A copy of any map (no null keys or values) in its iteration order. */
    public static StatsMap copyOf(Map<String, Double> map) {
        if (map instanceof StatsMap s) {
            return s;
        }
        double[] v = new double[map.size()];
        int i = 0;
        for (Double d : map.values()) {
            v[i++] = Objects.requireNonNull(d, "a statistic value is null");
        }
        return new StatsMap(new Columns(List.copyOf(map.keySet())), v);
    }

    /** The values in column order: the array itself, for the writers of this package (not to change). */
    double[] valueArray() {
        return values;
    }

    /** The shared schema. */
    public Columns columns() {
        return columns;
    }

    /** The value of column {@code i}. */
    public double value(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return columns.indexOf(key) >= 0;
    }

    @Override
    public Double get(Object key) {
        int i = columns.indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < values.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (i >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int k = i++;
                        return new SimpleImmutableEntry<>(columns.names.get(k), values[k]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    @Override
    public String toString() {
        return "StatsMap" + columns.names + "=" + Arrays.toString(values);
    }
}
