package org.attnplanes.topology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BitsTest {

    @Test
    void lowestIsTheTrailingZeroCountOfEverySingleBit() {
        for (int i = 0; i < 64; i++) {
            assertEquals(i, Bits.lowest(1L << i), "bit " + i);
        }
    }

    @Test
    void lowestEqualsNumberOfTrailingZerosOnSeededWords() {
        SplittableRandom random = new SplittableRandom(16);
        for (int k = 0; k < 200_000; k++) {
            // sparse and dense words, and words with only high bits
            long x = random.nextLong() & random.nextLong() << random.nextInt(64);
            if (x == 0L) {
                continue;
            }
            assertEquals(Long.numberOfTrailingZeros(x), Bits.lowest(x), Long.toHexString(x));
        }
    }
}
