package org.attnplanes.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHA-256 hex against the FIPS 180-2 test vectors, and the four ways in agree on data larger than one buffer. */
class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void fipsVectors() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.ofText("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(new byte[0]));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Sha256.ofText("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    @Test
    void bytesStreamAndFileAgree_acrossBufferBoundaries() throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, (1 << 16) - 1, 1 << 16, (1 << 16) + 1, 200_003}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Path f = dir.resolve("f" + size);
            Files.write(f, data);
            String expected = Sha256.of(data);
            assertEquals(expected, Sha256.of(new ByteArrayInputStream(data)), "stream, " + size + " bytes");
            assertEquals(expected, Sha256.ofFile(f), "file, " + size + " bytes");
        }
    }
}
