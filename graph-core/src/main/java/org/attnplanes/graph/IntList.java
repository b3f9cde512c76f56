package org.attnplanes.graph;

import java.util.Arrays;

/** Internal: a growable primitive int list. */
final class IntList {
    private int[] data;
    private int size;

    IntList(int capacity) {
        data = new int[Math.max(4, capacity)];
    }

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = v;
    }

    int size() {
        return size;
    }

    /** The backing array, trimmed when more than a quarter is unused. */
    int[] array() {
        if (data.length - size > data.length / 4) {
            data = Arrays.copyOf(data, size);
        }
        return data;
    }
}
