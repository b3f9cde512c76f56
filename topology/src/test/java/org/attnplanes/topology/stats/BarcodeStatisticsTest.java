package org.attnplanes.topology.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.junit.jupiter.api.Test;

class BarcodeStatisticsTest {

    private static final Barcode H0 = new Barcode(0, List.of(new PersistenceInterval(0f, 0.25f),
            new PersistenceInterval(0f, 0.5f), PersistenceInterval.essential(0f)));
    private static final Barcode H1 = new Barcode(1, List.of(new PersistenceInterval(0.25f, 0.75f),
            new PersistenceInterval(0.5f, 0.625f)));

    @Test
    void betti_halfOpenIntervals() {
        assertEquals(3, BarcodeStatistics.betti(H0, 0.0));
        assertEquals(2, BarcodeStatistics.betti(H0, 0.25), "a bar [0, 0.25) is dead at 0.25");
        assertEquals(1, BarcodeStatistics.betti(H1, 0.25), "a bar [0.25, ·) is alive at 0.25");
        assertArrayEquals(new int[] {1, 2}, BarcodeStatistics.bettiNumbers(new Barcodes(List.of(H0, H1)), 0.5));
    }

    @Test
    void bettiCurve_equalsPointwiseBettiEverywhere() {
        StepCurve c = BarcodeStatistics.bettiCurve(H1);
        for (double t = -0.1; t < 1; t += 0.0625) {
            assertEquals(BarcodeStatistics.betti(H1, t), c.valueAt(t), "t=" + t);
        }
        assertEquals(2, c.max());
    }

    @Test
    void eulerCurve_isAlternatingSumOfBettiCurves() {
        Barcodes b = new Barcodes(List.of(H0, H1));
        StepCurve e = BarcodeStatistics.eulerCharacteristicCurve(b);
        for (double t = 0; t < 1; t += 0.0625) {
            assertEquals(BarcodeStatistics.betti(H0, t) - BarcodeStatistics.betti(H1, t), e.valueAt(t), "t=" + t);
        }
    }

    @Test
    void totalPersistenceEntropyLongBars_onKnownBars() {
        assertEquals(0.625, BarcodeStatistics.totalPersistence(H1), 1e-12);
        assertEquals(0.5 * 0.5 + 0.125 * 0.125, BarcodeStatistics.totalPersistence(H1, 2), 1e-12);
        double p = 0.5 / 0.625;
        double q = 0.125 / 0.625;
        assertEquals(-(p * Math.log(p) + q * Math.log(q)), BarcodeStatistics.persistenceEntropy(H1), 1e-12);
        assertEquals(2, BarcodeStatistics.countLongerThan(H0, 0.25), "0.5 and the essential bar");
        assertEquals(new PersistenceInterval(0.25f, 0.75f), BarcodeStatistics.longestFiniteBar(H1).orElseThrow());
        assertEquals(0.0, BarcodeStatistics.persistenceEntropy(new Barcode(1, List.of())));
    }

    /**
     * Betti numbers at several values in one scan equal the one-value count at each value: seeded barcodes of up to
     * three dimensions with ±0 births, ties with the values, essential bars; values unsorted, repeated, ±0,
     * negative, +∞ and NaN (the branch-free path for positive values and the plain one otherwise), 0 to 8 of them.
     */
    @Test
    void bettiNumbers_severalValues_equalOneValueAtATime() {
        float[] grid = {0f, -0f, 0.25f, 0.5f, 0.75f, 0.95f, 1f};
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom rnd = new SplittableRandom(900 + seed);
            List<Barcode> dims = new ArrayList<>();
            for (int k = 0; k <= rnd.nextInt(3); k++) {
                List<PersistenceInterval> bars = new ArrayList<>();
                for (int i = rnd.nextInt(40); i > 0; i--) {
                    float b = rnd.nextBoolean() ? grid[rnd.nextInt(grid.length)] : (float) rnd.nextDouble();
                    float d = rnd.nextInt(5) == 0 ? Float.POSITIVE_INFINITY
                            : rnd.nextBoolean() ? Math.max(b, grid[rnd.nextInt(grid.length)]) : b + (float) rnd.nextDouble();
                    if (d > b) {
                        bars.add(new PersistenceInterval(b, d));
                    }
                }
                dims.add(new Barcode(k, bars));
            }
            Barcodes barcodes = new Barcodes(dims);
            float[] values = seed % 2 == 0
                    ? new float[] {0.95f, 0.5f, 0.75f, 0.5f, 0.25f, Float.MIN_VALUE, (float) rnd.nextDouble(),
                            Float.POSITIVE_INFINITY}
                    : new float[] {0.5f, 0f, -0f, -0.25f, Float.NaN, 0.9f, Float.NEGATIVE_INFINITY};
            // none, 1 to 4 values (counted in registers) and more
            values = java.util.Arrays.copyOf(values, (int) (seed / 2 % (values.length + 1)));
            int[][] all = BarcodeStatistics.bettiNumbers(barcodes, values);
            assertEquals(values.length, all.length);
            for (int g = 0; g < values.length; g++) {
                assertArrayEquals(BarcodeStatistics.bettiNumbers(barcodes, values[g]), all[g],
                        "seed " + seed + ", value " + values[g]);
            }
        }
    }
}
