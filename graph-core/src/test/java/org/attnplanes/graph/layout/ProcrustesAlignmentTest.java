package org.attnplanes.graph.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProcrustesAlignmentTest {

    private static double[] random(Random rnd, int n) {
        double[] xy = new double[2 * n];
        for (int k = 0; k < xy.length; k++) {
            xy[k] = rnd.nextGaussian();
        }
        return xy;
    }

    @Test
    void align_randomSets_neverIncreasesTotalDisplacement() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + rnd.nextInt(30);
            double[] ref = random(rnd, n);
            double[] moving = random(rnd, n);
            double[] aligned = ProcrustesAlignment.align(ref, moving);
            double before = ProcrustesAlignment.displacement(ref, moving);
            double after = ProcrustesAlignment.displacement(ref, aligned);
            assertTrue(after <= before + 1e-9, "seed " + seed + ": " + after + " > " + before);
        }
    }

    @Test
    void align_rotatedCopy_recoversReference() {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            int n = 3 + rnd.nextInt(20);
            double[] ref = random(rnd, n);
            double angle = rnd.nextDouble() * 2 * Math.PI;
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            double cx = 0;
            double cy = 0;
            for (int i = 0; i < n; i++) {
                cx += ref[2 * i] / n;
                cy += ref[2 * i + 1] / n;
            }
            double[] moving = new double[2 * n];
            for (int i = 0; i < n; i++) {
                double x = ref[2 * i] - cx;
                double y = ref[2 * i + 1] - cy;
                moving[2 * i] = c * x - s * y + cx;
                moving[2 * i + 1] = s * x + c * y + cy;
            }
            assertArrayEquals(ref, ProcrustesAlignment.align(ref, moving), 1e-9, "seed " + seed);
        }
    }

    @Test
    void align_preservesPairwiseDistancesAndCentroid() {
        long seed = 5;
        Random rnd = new Random(seed);
        double[] ref = random(rnd, 10);
        double[] moving = random(rnd, 10);
        double[] aligned = ProcrustesAlignment.align(ref, moving);
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                double d0 = Math.hypot(moving[2 * i] - moving[2 * j], moving[2 * i + 1] - moving[2 * j + 1]);
                double d1 = Math.hypot(aligned[2 * i] - aligned[2 * j], aligned[2 * i + 1] - aligned[2 * j + 1]);
                assertEquals(d0, d1, 1e-9, "seed " + seed);
            }
        }
    }

    @Test
    void align_differentLengths_failsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcrustesAlignment.align(new double[4], new double[6]));
        assertEquals("reference.length = 4 and moving.length = 6 must be equal and even", e.getMessage());
    }
}
