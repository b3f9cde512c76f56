package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link PlaneRecord}'s compact barcodes ({@link Bars}): seeded barcodes read back bar for bar whether given as
 * two-element arrays or as ends per dimension; the record's bars cannot be changed through the caller's arrays or
 * through the arrays it hands out; equality and hash codes are by value; malformed bars are refused as before.
 */
class BarsTest {

    @Test
    void seededBarcodes_readBackBarForBar_eitherWayIn() {
        long seed = 2026L;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            List<List<double[]>> given = new ArrayList<>();
            List<double[]> ends = new ArrayList<>();
            for (int d = rnd.nextInt(0, 4); d > 0; d--) {
                List<double[]> dim = new ArrayList<>();
                int n = rnd.nextInt(0, 40);
                double[] e = new double[2 * n];
                for (int b = 0; b < n; b++) {
                    double birth = rnd.nextDouble();
                    double death = rnd.nextInt(8) == 0 ? Double.POSITIVE_INFINITY : birth + rnd.nextDouble();
                    dim.add(new double[] {birth, death});
                    e[2 * b] = birth;
                    e[2 * b + 1] = death;
                }
                given.add(dim);
                ends.add(e);
            }
            PlaneRecord a = new PlaneRecord(1, 0, "0", 3, Map.of(), given);
            PlaneRecord b = new PlaneRecord(1, 0, "0", 3, Map.of(), PlaneRecord.barsOfEnds(ends));
            PlaneRecord c = new PlaneRecord(1, 0, "0", 3, Map.of(),
                    PlaneRecord.barsOfOwnedEnds(ends.toArray(new double[0][])));
            assertEquals(a, c, "the same bars over the given arrays (analyze's rows)");
            assertEquals(given.size(), a.barcodes().size(), "seed " + seed);
            for (int d = 0; d < given.size(); d++) {
                assertEquals(given.get(d).size(), a.barcodes().get(d).size());
                for (int k = 0; k < given.get(d).size(); k++) {
                    assertArrayEquals(given.get(d).get(k), a.barcodes().get(d).get(k), "seed " + seed);
                    assertArrayEquals(given.get(d).get(k), b.barcodes().get(d).get(k), "seed " + seed);
                }
            }
            assertEquals(a, b, "equal bars, equal records");
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(a.barcodes().hashCode(), a.barcodes().hashCode(), "stable hash code");
        }
    }

    @Test
    void bars_areCopiesBothWays_equalByValue_malformedRefused() {
        double[] bar = {0.25, 0.5};
        double[] ends = {0.0, Double.POSITIVE_INFINITY};
        List<List<double[]>> given = new ArrayList<>(List.of(new ArrayList<>(List.of(bar))));
        PlaneRecord r = new PlaneRecord(1, 0, "0", 3, Map.of(), given);
        PlaneRecord e = new PlaneRecord(1, 0, "0", 3, Map.of(), PlaneRecord.barsOfEnds(List.of(ends)));
        bar[1] = 9;
        ends[0] = 9;
        given.get(0).add(new double[] {1, 2});
        r.barcodes().get(0).get(0)[0] = 7;
        assertArrayEquals(new double[] {0.25, 0.5}, r.barcodes().get(0).get(0));
        assertEquals(1, r.barcodes().get(0).size());
        assertArrayEquals(new double[] {0.0, Double.POSITIVE_INFINITY}, e.barcodes().get(0).get(0));
        assertNotSame(r.barcodes().get(0).get(0), r.barcodes().get(0).get(0));
        assertThrows(UnsupportedOperationException.class, () -> r.barcodes().get(0).add(new double[2]));
        assertThrows(UnsupportedOperationException.class, () -> r.barcodes().remove(0));
        assertSame(r.barcodes(), r.withBlock("encoder").barcodes(), "immutable: shared, not copied again");

        assertEquals(new PlaneRecord(1, 0, "0", 3, Map.of(), List.of(List.of(new double[] {0.25, 0.5}))), r);
        assertNotEquals(new PlaneRecord(1, 0, "0", 3, Map.of(), List.of(List.of(new double[] {0.25, 0.75}))), r);
        assertNotEquals(r.barcodes().get(0), List.of(new double[] {0.25, 0.5}), "another kind of list");

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new PlaneRecord(1, 0, "0", 3, Map.of(), List.of(List.of(new double[] {1, 2, 3}))));
        assertEquals("a bar needs {birth, death}, got 3 values", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlaneRecord.barsOfEnds(List.of(new double[3])));
        assertThrows(IndexOutOfBoundsException.class, () -> r.barcodes().get(0).get(1));
    }

    @Test
    void barsOfOwnedEnds_oddLength_refusedNamingTheDimension() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlaneRecord.barsOfOwnedEnds(new double[][] {{0, 1}, {0, 1, 2}}));
        assertEquals("dimension 1: 3 values are no bars", e.getMessage());
    }
}
