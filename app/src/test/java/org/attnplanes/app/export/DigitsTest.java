package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Digits} writes {@link Integer#toString(int)} of every non-negative int: edges and 2 M seeded values. */
class DigitsTest {

    @Test
    void edgesAndSeededValues_sameAsIntegerToString() {
        byte[] s = new byte[16];
        int[] edges = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65535, 99_999_999, 100_000_000, 999_999_999,
            1_000_000_000, 2_099_999_999, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        for (int v : edges) {
            check(v, s, "edge");
        }
        for (int p = 1; p <= 1_000_000_000; p *= 10) {
            check(p - 1, s, "below a power of ten");
            check(p, s, "a power of ten");
            check(p + 1, s, "above a power of ten");
        }
        long seed = 1017L;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 2_000_000; i++) {
            int v = i % 2 == 0 ? rnd.nextInt(0, Integer.MAX_VALUE) : rnd.nextInt(0, 1 << rnd.nextInt(1, 31));
            check(v, s, "seed " + seed);
        }
    }

    private static void check(int v, byte[] s, String what) {
        int n = Digits.count(v);
        s[0] = 'x';
        s[n + 1] = 'y';
        Digits.backwards(s, n + 1, v);
        assertEquals("x" + v + "y", new String(s, 0, n + 2, StandardCharsets.US_ASCII), what + ": " + v);
    }
}
