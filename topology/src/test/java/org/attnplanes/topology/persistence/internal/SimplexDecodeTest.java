package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RipsEngine#vertices} (square root for the last edge, cube root for a triangle's top vertex, binary search
 * above) against the combinatorial number system: seeded simplices of dimensions 0-4 on 2 to 3,000 vertices,
 * including the extreme ones (the smallest vertices, the largest, consecutive runs at the top) where a rounded root
 * is off by one.
 */
class SimplexDecodeTest {

    @Test
    void vertices_seededAndExtremeSimplices_decodeTheirIndex() {
        int[] sizes = {2, 3, 4, 5, 17, 64, 65, 300, 1025, 3000};
        for (int n : sizes) {
            RipsEngine e = new RipsEngine(new float[n * (n - 1) / 2], null, null, null, 0, n, 4, 2, -1f, true,
                    false);
            Random r = new Random(n);
            for (int dim = 0; dim <= Math.min(4, n - 1); dim++) {
                int[] out = new int[dim + 1];
                for (int s = 0; s < 3000; s++) {
                    int[] v = simplex(r, n, dim, s);
                    long idx = 0;
                    for (int i = 0; i <= dim; i++) {
                        idx += e.binom.get(v[i], dim + 1 - i);
                    }
                    e.vertices(idx, dim, out);
                    assertArrayEquals(v, out, "n " + n + " dim " + dim + " idx " + idx);
                }
            }
        }
    }

    /** Decreasing distinct vertices: the lowest, the highest, a run at the top shifted by s, or random. */
    private static int[] simplex(Random r, int n, int dim, int s) {
        int[] v = new int[dim + 1];
        int kind = s % 4;
        if (kind == 0) {
            for (int i = 0; i <= dim; i++) {
                v[i] = dim - i + (s / 4) % (n - dim);
            }
            return v;
        }
        if (kind == 1) {
            for (int i = 0; i <= dim; i++) {
                v[i] = n - 1 - i - (s / 4) % (n - dim);
            }
            return v;
        }
        int[] all = r.ints(0, n).distinct().limit(dim + 1).toArray();
        Arrays.sort(all);
        for (int i = 0; i <= dim; i++) {
            v[i] = all[dim - i];
        }
        return v;
    }
}
