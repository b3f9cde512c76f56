package org.attnplanes.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256C1Test {

    private static MessageDigest jdk() throws Exception {
        return MessageDigest.getInstance("SHA-256");
    }

    @Test
    void knownVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    private static String hex(String s) {
        MessageDigest d = new Sha256C1();
        d.update(s.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(d.digest());
    }

    /** Random lengths around block and padding boundaries, split into random updates: equal to the JDK's digest. */
    @Test
    void equalsJdkOnRandomLengthsAndSplits() throws Exception {
        Random rnd = new Random(20261206L);
        MessageDigest mine = new Sha256C1();
        for (int trial = 0; trial < 2000; trial++) {
            int len = switch (trial % 4) {
                case 0 -> rnd.nextInt(200);
                case 1 -> 64 * rnd.nextInt(8) + 55 + rnd.nextInt(3);      // the one- or two-block padding edge
                case 2 -> rnd.nextInt(5000);
                default -> rnd.nextInt(200_000);
            };
            byte[] data = new byte[len];
            rnd.nextBytes(data);
            MessageDigest ref = jdk();
            int off = 0;
            while (off < len) {
                int n = Math.min(len - off, rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : rnd.nextInt(70_000) + 1);
                if (n == 1 && rnd.nextBoolean()) {
                    mine.update(data[off]);
                } else {
                    mine.update(data, off, n);
                }
                ref.update(data, off, n);
                off += n;
            }
            assertArrayEquals(ref.digest(), mine.digest(), "length " + len);     // digest() resets: reused next
        }
    }
}
