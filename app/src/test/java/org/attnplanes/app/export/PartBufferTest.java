package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.UTFDataFormatException;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link PartBuffer} writes the bytes {@link DataOutputStream} writes, for seeded random ints, doubles and strings. */
class PartBufferTest {

    @Test
    void seededSequences_sameBytesAsDataOutputStream() throws Exception {
        long seed = 1612L;
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] strings = {"", "3", "mean", "self", "encoder", "a\u0000b", "\u00fc\u20ac", "\ud83d\ude00", "\ud800",
            "x".repeat(70_000 / 2), "input 7 is empty"};
        double[] doubles = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 0.1f, 1e-300};
        for (int round = 0; round < 300; round++) {
            PartBuffer ours = new PartBuffer(rnd.nextInt(0, 100));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream ref = new DataOutputStream(bytes);
            for (int i = rnd.nextInt(0, 500); i > 0; i--) {
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        int v = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(-5, 100);
                        ours.writeInt(v);
                        ref.writeInt(v);
                    }
                    case 1 -> {
                        double v = rnd.nextInt(5) == 0 ? doubles[rnd.nextInt(doubles.length)]
                                : rnd.nextBoolean() ? rnd.nextDouble() : (float) rnd.nextDouble(-3, 3);
                        ours.writeDouble(v);
                        ref.writeDouble(v);
                    }
                    case 2 -> {
                        double[] v = values(rnd, doubles);
                        ours.writeFloats(v);
                        for (double d : v) {
                            ref.writeFloat((float) d);
                        }
                    }
                    case 3 -> {         // the mask then floats or doubles, as Checkpoint wrote them value by value
                        double[] v = values(rnd, doubles);
                        byte[] mask = new byte[(v.length + 7) / 8];
                        ByteArrayOutputStream body = new ByteArrayOutputStream();
                        DataOutputStream b = new DataOutputStream(body);
                        for (int k = 0; k < v.length; k++) {
                            if ((double) (float) v[k] == v[k] || Double.isNaN(v[k])) {
                                mask[k >>> 3] |= (byte) (1 << (k & 7));
                                b.writeFloat((float) v[k]);
                            } else {
                                b.writeDouble(v[k]);
                            }
                        }
                        ours.writeMostlyFloats(v);
                        ref.write(mask);
                        ref.write(body.toByteArray());
                    }
                    default -> {
                        String s = strings[rnd.nextInt(strings.length)];
                        ours.writeUTF(s);
                        ref.writeUTF(s);
                    }
                }
            }
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ours.writeTo(written);
            assertArrayEquals(bytes.toByteArray(), written.toByteArray(), "seed " + seed + ", round " + round);
            assertArrayEquals(bytes.toByteArray(), Arrays.copyOf(ours.array(), ours.size()));
        }
        String tooLong = "\u00fc".repeat(40_000);      // 80,000 bytes of modified UTF-8: over writeUTF's limit
        assertThrows(UTFDataFormatException.class, () -> new DataOutputStream(new ByteArrayOutputStream())
                .writeUTF(tooLong));
        assertThrows(UTFDataFormatException.class, () -> new PartBuffer(10).writeUTF(tooLong));
        assertThrows(UTFDataFormatException.class, () -> new PartBuffer(10).writeUTF("a".repeat(70_000)));
    }

    /** 0 to 40 values: mostly float32 values, some doubles, some special values (NaNs, infinities, -0.0). */
    private static double[] values(SplittableRandom rnd, double[] special) {
        double[] v = new double[rnd.nextInt(0, 41)];
        for (int k = 0; k < v.length; k++) {
            int kind = rnd.nextInt(6);
            v[k] = kind == 0 ? special[rnd.nextInt(special.length)] : kind == 1 ? rnd.nextDouble()
                    : kind == 2 ? rnd.nextInt(0, 1000) : (float) rnd.nextDouble(-2, 2);
        }
        return v;
    }
}
