package org.attnplanes.app.export;

/**
 * Decimal digits of a non-negative int as ASCII bytes, for the number writers of {@code planes.csv} and
 * {@code barcodes.json}: two digits per step from a table, and the division by 100 as a multiplication (C1, the
 * launcher's only compiler, emits a division instruction for a division by a constant).
 */
final class Digits {

    /** "00", "01", ..., "99". */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private Digits() {
    }

    /** How many decimal digits {@code v >= 0} has. */
    static int count(int v) {
        int n = 1;
        for (int bound = 10; n < 10 && v >= bound; bound *= 10) {
            n++;
        }
        return n;
    }

    /**
     * Writes the digits of {@code v >= 0} into {@code s} so that the last one is at {@code end - 1}
     * ({@code end - count(v)} is the first).
     */
    static void backwards(byte[] s, int end, int v) {
        int i = end;
        while (v >= 100) {
            int q = (int) ((v * 1374389535L) >>> 37);    // v / 100, exact for 0 <= v < 2^32
            int r = 2 * (v - 100 * q);
            s[--i] = PAIRS[r + 1];
            s[--i] = PAIRS[r];
            v = q;
        }
        if (v >= 10) {
            s[--i] = PAIRS[2 * v + 1];
            s[--i] = PAIRS[2 * v];
        } else {
            s[--i] = (byte) ('0' + v);
        }
    }
}
