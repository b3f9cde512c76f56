package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BinomialTableTest {

    @Test
    void get_smallValues_matchBigIntegerReference() {
        BinomialTable t = new BinomialTable(200, 5);
        for (int v = 0; v <= 200; v++) {
            for (int k = 0; k <= 5; k++) {
                BigInteger c = BigInteger.ONE;
                for (int i = 0; i < k; i++) {
                    c = c.multiply(BigInteger.valueOf(v - i)).divide(BigInteger.valueOf(i + 1));
                }
                assertEquals(v < k ? 0 : c.longValueExact(), t.get(v, k), "C(" + v + ", " + k + ")");
            }
        }
    }

    @Test
    void constructor_overflow_messageNamesNAndK() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinomialTable(60_000, 5));
        assertEquals("simplex index overflow: C(16176, 5) exceeds 2^63 - 1; 60000 points with simplices of 5 "
                + "vertices cannot be indexed in 64 bits (reduce n or the dimension)", e.getMessage());
    }
}
