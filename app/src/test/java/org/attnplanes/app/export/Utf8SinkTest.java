package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.attnplanes.graph.io.Sha256;
import org.junit.jupiter.api.Test;

/**
 * {@link Utf8Sink} against the JDK's {@link OutputStreamWriter} (UTF-8): the same characters, handed over through
 * every write method in random pieces (surrogate pairs split between calls, unpaired halves, buffers of more than
 * 64 KiB, bytes formatted into {@link Utf8Sink#reserve}d room), give the same bytes, and the digest (the JDK's or
 * the project's {@link Sha256#digest()}) is the SHA-256 of exactly those bytes (as the JDK's digest of them).
 */
class Utf8SinkTest {

    private static final char[] ALPHABET = {'a', 'Z', '0', ',', '"', '\n', '\t', ' ', '#', '\u0000', '\u007f',
        '\u0080', '\u00fc', '\u07ff', '\u0800', '\u20ac', '\u2028', '\ufffd', '\uffff', '\ud83d', '\ude00',
        '\ud800', '\udfff'};

    @Test
    void randomTextThroughEveryMethod_sameBytesAsOutputStreamWriter_digestOfThoseBytes() throws Exception {
        long seed = 16_2026L;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            ByteArrayOutputStream jdk = new ByteArrayOutputStream();
            Utf8Sink sink = new Utf8Sink(ours, round % 2 == 0 ? MessageDigest.getInstance("SHA-256") : Sha256.digest());
            Writer ref = new OutputStreamWriter(jdk, StandardCharsets.UTF_8);
            int pieces = round % 10 == 0 ? 3000 : 40;
            for (int p = 0; p < pieces; p++) {
                String s = randomText(rnd, rnd.nextInt(0, round % 10 == 0 ? 200 : 12));
                switch (rnd.nextInt(9)) {
                    case 0 -> sink.write(s);
                    case 1 -> sink.write(s.toCharArray(), 0, s.length());
                    case 2 -> s.chars().forEach(c -> write(sink, c));
                    case 3 -> sink.append(new StringBuilder(s));
                    case 4 -> {
                        long v = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextLong(-1000, 1000);
                        v = rnd.nextInt(50) == 0 ? Long.MIN_VALUE : v;
                        sink.integer(v);
                        s = Long.toString(v);
                    }
                    case 5 -> {
                        s = s.replaceAll("[^\\x00-\\x7f]", "x");
                        for (int i = 0; i < s.length(); i++) {
                            sink.ascii(s.charAt(i));
                        }
                    }
                    case 6 -> {
                        s = s.replaceAll("[^\\x00-\\x7f]", "y");
                        byte[] b = ("." + s + ".").getBytes(StandardCharsets.US_ASCII);
                        sink.asciiBytes(b, 1, b.length - 2);
                    }
                    case 7 -> {         // formatted straight into the buffer, as the number writers do
                        s = s.replaceAll("[^\\x00-\\x7f]", "z");
                        s = s.substring(0, Math.min(s.length(), 64));
                        int at = sink.reserve(64);
                        byte[] buf = sink.buffer();
                        for (int i = 0; i < s.length(); i++) {
                            buf[at + i] = (byte) s.charAt(i);
                        }
                        sink.commit(at + s.length());
                    }
                    default -> {
                        sink.append(s, 0, s.length());
                        if (rnd.nextInt(20) == 0) {
                            sink.flush();
                        }
                    }
                }
                ref.write(s);
            }
            if (round % 7 == 0) {
                byte[] big = "0123456789".repeat(7000).getBytes(StandardCharsets.US_ASCII); // > 64 KiB at once
                sink.asciiBytes(big, 0, big.length);
                ref.write(new String(big, StandardCharsets.US_ASCII));
            }
            sink.close();
            ref.close();
            String sha = sink.sha256();
            assertArrayEquals(jdk.toByteArray(), ours.toByteArray(), "seed " + seed + ", round " + round);
            String jdkSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ours.toByteArray()));
            assertEquals(jdkSha, sha, "seed " + seed + ", round " + round);
            assertEquals(ours.size(), sink.bytes());
        }
    }

    private static void write(Utf8Sink sink, int c) {
        try {
            sink.write(c);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String randomText(SplittableRandom rnd, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(rnd.nextInt(3) == 0 ? ALPHABET[rnd.nextInt(ALPHABET.length)] : (char) rnd.nextInt(0x20, 0x7f));
        }
        return b.toString();
    }
}
