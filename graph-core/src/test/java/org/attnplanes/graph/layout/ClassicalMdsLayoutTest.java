package org.attnplanes.graph.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassicalMdsLayoutTest {

    @Test
    void fromSquaredDistances_planarPoints_reproducesPairwiseDistances() {
        for (long seed = 1; seed <= 10; seed++) {
            Random rnd = new Random(seed);
            int n = 4 + rnd.nextInt(12);
            double[] p = new double[2 * n];
            for (int k = 0; k < p.length; k++) {
                p[k] = rnd.nextDouble();
            }
            double[][] d2 = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dx = p[2 * i] - p[2 * j];
                    double dy = p[2 * i + 1] - p[2 * j + 1];
                    d2[i][j] = dx * dx + dy * dy;
                }
            }
            double[] xy = ClassicalMdsLayout.fromSquaredDistances(d2);
            double cx = 0;
            double cy = 0;
            for (int i = 0; i < n; i++) {
                cx += xy[2 * i];
                cy += xy[2 * i + 1];
                for (int j = 0; j < n; j++) {
                    double dx = xy[2 * i] - xy[2 * j];
                    double dy = xy[2 * i + 1] - xy[2 * j + 1];
                    assertEquals(d2[i][j], dx * dx + dy * dy, 1e-9, "seed " + seed + " (" + i + ", " + j + ")");
                }
            }
            assertEquals(0, cx, 1e-9, "seed " + seed + ": centred");
            assertEquals(0, cy, 1e-9, "seed " + seed + ": centred");
        }
    }
}
