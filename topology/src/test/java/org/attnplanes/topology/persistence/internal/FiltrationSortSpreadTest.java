package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FiltrationSort#sortKeysSpread} against {@link Arrays#sort(long[])} on seeded keys of every shape the
 * bucket pass can meet: values crowding just below the top (attention planes), uniform, all equal (order by index
 * alone), a narrow band far below the top (every key in one bucket: the move budget runs out and the quicksort
 * finishes), zeros, and sizes from 0 to the 2016 edges of 64 vertices.
 */
class FiltrationSortSpreadTest {

    private enum Shape {
        CROWDED_BELOW_TOP, UNIFORM, ALL_EQUAL, NARROW_BAND, ZEROS_AND_TOP
    }

    private static float value(Shape shape, Random r) {
        return switch (shape) {
            case CROWDED_BELOW_TOP -> 0.99f - (float) Math.min(0.99, Math.exp(3 * r.nextGaussian() - 5));
            case UNIFORM -> r.nextFloat() * 0.99f;
            case ALL_EQUAL -> 0.5f;
            case NARROW_BAND -> 0.25f + r.nextInt(1 << 12) * 0x1p-30f;
            case ZEROS_AND_TOP -> r.nextBoolean() ? 0f : 0.99f;
        };
    }

    @Test
    void sortKeysSpread_seededKeysOfEveryShape_equalsArraysSort() {
        forEachCase((keys, top) -> {
            long[] out = new long[keys.length];
            FiltrationSort.sortKeysSpread(keys.clone(), keys.length, top, out, new int[4 * keys.length + 1],
                    new int[keys.length]);
            return out;
        });
    }

    /**
     * {@link FiltrationSort#sortKeysCrowded} on the same cases, with one set of scratch arrays for all of them (as
     * the engine reuses its own): the counts it takes as zero must be left zero by every call, small or large.
     */
    @Test
    void sortKeysCrowded_seededKeysOfEveryShape_equalsArraysSortWithReusedCounts() {
        int[] counts = new int[4 * 2016];
        int[] starts = new int[4 * 2016];
        int[] which = new int[2016];
        forEachCase((keys, top) -> {
            long[] out = new long[keys.length];
            FiltrationSort.sortKeysCrowded(keys.clone(), keys.length, top, out, counts, starts, which);
            for (int c : counts) {
                assertEquals(0, c, "counts left zero");
            }
            return out;
        });
    }

    private interface Sorter {
        long[] sort(long[] keys, float top);
    }

    private static void forEachCase(Sorter sorter) {
        int[] sizes = {0, 1, 2, 3, 25, 26, 64, 126, 127, 128, 500, 2016};
        for (Shape shape : Shape.values()) {
            for (int m : sizes) {
                for (int rep = 0; rep < 4; rep++) {
                    long seed = 100_000L * shape.ordinal() + 100L * m + rep;
                    Random r = new Random(seed);
                    // distinct indices (edge codes of up to 64 vertices), diameters in [0, top]
                    int[] codes = new int[4096];
                    for (int k = 0; k < codes.length; k++) {
                        codes[k] = k;
                    }
                    long[] keys = new long[m];
                    float top = 0f;
                    for (int k = 0; k < m; k++) {
                        int pick = k + r.nextInt(codes.length - k);
                        int code = codes[pick];
                        codes[pick] = codes[k];
                        float d = value(shape, r);
                        top = Math.max(top, d);
                        keys[k] = FiltrationSort.key(d, code);
                    }
                    if (rep == 3) {
                        top = 0.99f; // a top above every value
                    }
                    if (!(top > 0f)) {
                        continue;
                    }
                    long[] expected = keys.clone();
                    Arrays.sort(expected);
                    assertArrayEquals(expected, sorter.sort(keys, top), shape + " m = " + m + " seed " + seed);
                }
            }
        }
    }
}
