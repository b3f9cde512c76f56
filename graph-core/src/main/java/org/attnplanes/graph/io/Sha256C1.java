package org.attnplanes.graph.io;

import java.security.MessageDigest;

/**
 * SHA-256 (FIPS 180-4) written for the C1 compiler, which the launcher runs alone ({@code -XX:TieredStopAtLevel=1}):
 * the same digests as the JDK's {@code MessageDigest.getInstance("SHA-256")}, in fewer cycles per block there.
 *
 * <p>Why: under C1 the JDK's {@code sun.security.provider.SHA2} runs its plain Java loops (the SHA intrinsic is
 * C2's), ≈ 110 MB/s, and hashing {@code planes.csv} and {@code barcodes.json} (18 MB for 200 sentences) was the
 * largest single cost of {@code analyze}'s output phase. C1 neither unrolls loops nor removes most bounds checks,
 * so here the message schedule lives in sixteen locals (a rolling window, no {@code int[64]}), the 64 rounds are
 * written out in four passes of sixteen, the big-endian words are assembled from bytes with shifts in place, and the
 * rotations are spelled as shifts (no call). The round constants are the only array read per round. Keep
 * {@code compress} below HotSpot's 8,000-bytecode limit for compiling a method ({@code -XX:-DontCompileHugeMethods}
 * is not set): it is ≈ 4,000 now; written out to all 64 rounds it would exceed it and run interpreted, 40x slower.
 * Measured alternatives that were slower under C1: the schedule in an {@code int[64]} (+20 %).
 *
 * <p>A {@link MessageDigest}: what {@link Sha256#digest()} hands out, so every hash of the project (published
 * outputs, inputs, model fingerprints) takes it; not thread-safe, like every digest.
 */
final class Sha256C1 extends MessageDigest {

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private int h0;
    private int h1;
    private int h2;
    private int h3;
    private int h4;
    private int h5;
    private int h6;
    private int h7;
    /** The bytes of an incomplete block (fewer than 64). */
    private final byte[] tail = new byte[64];
    private int tailLength;
    private long total;

    Sha256C1() {
        super("SHA-256");
        engineReset();
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    protected void engineReset() {
        h0 = 0x6a09e667;
        h1 = 0xbb67ae85;
        h2 = 0x3c6ef372;
        h3 = 0xa54ff53a;
        h4 = 0x510e527f;
        h5 = 0x9b05688c;
        h6 = 0x1f83d9ab;
        h7 = 0x5be0cd19;
        tailLength = 0;
        total = 0;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int off, int len) {
        total += len;
        if (tailLength > 0) {
            int n = Math.min(len, 64 - tailLength);
            System.arraycopy(input, off, tail, tailLength, n);
            tailLength += n;
            off += n;
            len -= n;
            if (tailLength < 64) {
                return;
            }
            compress(tail, 0);
            tailLength = 0;
        }
        int whole = len & ~63;
        for (int i = 0; i < whole; i += 64) {
            compress(input, off + i);
        }
        System.arraycopy(input, off + whole, tail, 0, len - whole);
        tailLength = len - whole;
    }

    @Override
    protected byte[] engineDigest() {
        long bits = total << 3;
        byte[] pad = new byte[tailLength < 56 ? 64 - tailLength : 128 - tailLength];
        pad[0] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            pad[pad.length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        engineUpdate(pad, 0, pad.length);
        int[] h = {h0, h1, h2, h3, h4, h5, h6, h7};
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (h[i >> 2] >>> (24 - 8 * (i & 3)));
        }
        engineReset();
        return out;
    }

    /**
     * Compresses the block at {@code b[off..off+63]} into the state. One call per block, as in the JDK: a method
     * entered often is compiled after a few hundred blocks, while one looping over a whole buffer would run
     * interpreted until on-stack replacement (≈ 0.3 s lost in a cold process). Every round and schedule step is
     * spelled out (helper methods for Σ0 + Maj and Σ1 + Ch would exceed C1's inlining size of 35 bytecodes, and a
     * call per round costs); the eight working variables rotate names instead of moving: after eight rounds the
     * names are back where they started. Round: t = h + Σ1(e) + Ch(e, f, g) + k + w; d += t; h = t + Σ0(a) +
     * Maj(a, b, c), with the roles of the names shifting by one each round; Ch(e, f, g) = g ^ e & (f ^ g) and
     * Maj(a, b, c) = a & b | c & (a | b), one operation fewer each than the textbook forms.
     */
    private void compress(byte[] b, int off) {
        int[] k = K;
        int w0 = b[off] << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | b[off + 3] & 0xff;
        int w1 = b[off + 4] << 24 | (b[off + 5] & 0xff) << 16 | (b[off + 6] & 0xff) << 8 | b[off + 7] & 0xff;
        int w2 = b[off + 8] << 24 | (b[off + 9] & 0xff) << 16 | (b[off + 10] & 0xff) << 8 | b[off + 11] & 0xff;
        int w3 = b[off + 12] << 24 | (b[off + 13] & 0xff) << 16 | (b[off + 14] & 0xff) << 8 | b[off + 15] & 0xff;
        int w4 = b[off + 16] << 24 | (b[off + 17] & 0xff) << 16 | (b[off + 18] & 0xff) << 8 | b[off + 19] & 0xff;
        int w5 = b[off + 20] << 24 | (b[off + 21] & 0xff) << 16 | (b[off + 22] & 0xff) << 8 | b[off + 23] & 0xff;
        int w6 = b[off + 24] << 24 | (b[off + 25] & 0xff) << 16 | (b[off + 26] & 0xff) << 8 | b[off + 27] & 0xff;
        int w7 = b[off + 28] << 24 | (b[off + 29] & 0xff) << 16 | (b[off + 30] & 0xff) << 8 | b[off + 31] & 0xff;
        int w8 = b[off + 32] << 24 | (b[off + 33] & 0xff) << 16 | (b[off + 34] & 0xff) << 8 | b[off + 35] & 0xff;
        int w9 = b[off + 36] << 24 | (b[off + 37] & 0xff) << 16 | (b[off + 38] & 0xff) << 8 | b[off + 39] & 0xff;
        int w10 = b[off + 40] << 24 | (b[off + 41] & 0xff) << 16 | (b[off + 42] & 0xff) << 8 | b[off + 43] & 0xff;
        int w11 = b[off + 44] << 24 | (b[off + 45] & 0xff) << 16 | (b[off + 46] & 0xff) << 8 | b[off + 47] & 0xff;
        int w12 = b[off + 48] << 24 | (b[off + 49] & 0xff) << 16 | (b[off + 50] & 0xff) << 8 | b[off + 51] & 0xff;
        int w13 = b[off + 52] << 24 | (b[off + 53] & 0xff) << 16 | (b[off + 54] & 0xff) << 8 | b[off + 55] & 0xff;
        int w14 = b[off + 56] << 24 | (b[off + 57] & 0xff) << 16 | (b[off + 58] & 0xff) << 8 | b[off + 59] & 0xff;
        int w15 = b[off + 60] << 24 | (b[off + 61] & 0xff) << 16 | (b[off + 62] & 0xff) << 8 | b[off + 63] & 0xff;
        int a = h0;
        int bb = h1;
        int c = h2;
        int d = h3;
        int e = h4;
        int f = h5;
        int g = h6;
        int h = h7;
        for (int r = 0; ; r += 16) {
            int t;
            t = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (g ^ e & (f ^ g)) + k[r] + w0;
            d += t;
            h = t + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & bb | c & (a | bb));
            t = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (f ^ d & (e ^ f)) + k[r + 1] + w1;
            c += t;
            g = t + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a | bb & (h | a));
            t = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (e ^ c & (d ^ e)) + k[r + 2] + w2;
            bb += t;
            f = t + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h | a & (g | h));
            t = e + ((bb >>> 6 | bb << 26) ^ (bb >>> 11 | bb << 21) ^ (bb >>> 25 | bb << 7)) + (d ^ bb & (c ^ d)) + k[r + 3] + w3;
            a += t;
            e = t + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g | h & (f | g));
            t = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (c ^ a & (bb ^ c)) + k[r + 4] + w4;
            h += t;
            d = t + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f | g & (e | f));
            t = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (bb ^ h & (a ^ bb)) + k[r + 5] + w5;
            g += t;
            c = t + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e | f & (d | e));
            t = bb + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (a ^ g & (h ^ a)) + k[r + 6] + w6;
            f += t;
            bb = t + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d | e & (c | d));
            t = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (h ^ f & (g ^ h)) + k[r + 7] + w7;
            e += t;
            a = t + ((bb >>> 2 | bb << 30) ^ (bb >>> 13 | bb << 19) ^ (bb >>> 22 | bb << 10)) + (bb & c | d & (bb | c));
            t = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (g ^ e & (f ^ g)) + k[r + 8] + w8;
            d += t;
            h = t + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & bb | c & (a | bb));
            t = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (f ^ d & (e ^ f)) + k[r + 9] + w9;
            c += t;
            g = t + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a | bb & (h | a));
            t = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (e ^ c & (d ^ e)) + k[r + 10] + w10;
            bb += t;
            f = t + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h | a & (g | h));
            t = e + ((bb >>> 6 | bb << 26) ^ (bb >>> 11 | bb << 21) ^ (bb >>> 25 | bb << 7)) + (d ^ bb & (c ^ d)) + k[r + 11] + w11;
            a += t;
            e = t + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g | h & (f | g));
            t = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (c ^ a & (bb ^ c)) + k[r + 12] + w12;
            h += t;
            d = t + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f | g & (e | f));
            t = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (bb ^ h & (a ^ bb)) + k[r + 13] + w13;
            g += t;
            c = t + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e | f & (d | e));
            t = bb + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (a ^ g & (h ^ a)) + k[r + 14] + w14;
            f += t;
            bb = t + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d | e & (c | d));
            t = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (h ^ f & (g ^ h)) + k[r + 15] + w15;
            e += t;
            a = t + ((bb >>> 2 | bb << 30) ^ (bb >>> 13 | bb << 19) ^ (bb >>> 22 | bb << 10)) + (bb & c | d & (bb | c));
            if (r == 48) {
                break;
            }
            // the next sixteen words of the schedule: w[i + 16] = σ1(w[i + 14]) + w[i + 9] + σ0(w[i + 1]) + w[i]
            w0 += ((w14 >>> 17 | w14 << 15) ^ (w14 >>> 19 | w14 << 13) ^ w14 >>> 10) + w9 + ((w1 >>> 7 | w1 << 25) ^ (w1 >>> 18 | w1 << 14) ^ w1 >>> 3);
            w1 += ((w15 >>> 17 | w15 << 15) ^ (w15 >>> 19 | w15 << 13) ^ w15 >>> 10) + w10 + ((w2 >>> 7 | w2 << 25) ^ (w2 >>> 18 | w2 << 14) ^ w2 >>> 3);
            w2 += ((w0 >>> 17 | w0 << 15) ^ (w0 >>> 19 | w0 << 13) ^ w0 >>> 10) + w11 + ((w3 >>> 7 | w3 << 25) ^ (w3 >>> 18 | w3 << 14) ^ w3 >>> 3);
            w3 += ((w1 >>> 17 | w1 << 15) ^ (w1 >>> 19 | w1 << 13) ^ w1 >>> 10) + w12 + ((w4 >>> 7 | w4 << 25) ^ (w4 >>> 18 | w4 << 14) ^ w4 >>> 3);
            w4 += ((w2 >>> 17 | w2 << 15) ^ (w2 >>> 19 | w2 << 13) ^ w2 >>> 10) + w13 + ((w5 >>> 7 | w5 << 25) ^ (w5 >>> 18 | w5 << 14) ^ w5 >>> 3);
            w5 += ((w3 >>> 17 | w3 << 15) ^ (w3 >>> 19 | w3 << 13) ^ w3 >>> 10) + w14 + ((w6 >>> 7 | w6 << 25) ^ (w6 >>> 18 | w6 << 14) ^ w6 >>> 3);
            w6 += ((w4 >>> 17 | w4 << 15) ^ (w4 >>> 19 | w4 << 13) ^ w4 >>> 10) + w15 + ((w7 >>> 7 | w7 << 25) ^ (w7 >>> 18 | w7 << 14) ^ w7 >>> 3);
            w7 += ((w5 >>> 17 | w5 << 15) ^ (w5 >>> 19 | w5 << 13) ^ w5 >>> 10) + w0 + ((w8 >>> 7 | w8 << 25) ^ (w8 >>> 18 | w8 << 14) ^ w8 >>> 3);
            w8 += ((w6 >>> 17 | w6 << 15) ^ (w6 >>> 19 | w6 << 13) ^ w6 >>> 10) + w1 + ((w9 >>> 7 | w9 << 25) ^ (w9 >>> 18 | w9 << 14) ^ w9 >>> 3);
            w9 += ((w7 >>> 17 | w7 << 15) ^ (w7 >>> 19 | w7 << 13) ^ w7 >>> 10) + w2 + ((w10 >>> 7 | w10 << 25) ^ (w10 >>> 18 | w10 << 14) ^ w10 >>> 3);
            w10 += ((w8 >>> 17 | w8 << 15) ^ (w8 >>> 19 | w8 << 13) ^ w8 >>> 10) + w3 + ((w11 >>> 7 | w11 << 25) ^ (w11 >>> 18 | w11 << 14) ^ w11 >>> 3);
            w11 += ((w9 >>> 17 | w9 << 15) ^ (w9 >>> 19 | w9 << 13) ^ w9 >>> 10) + w4 + ((w12 >>> 7 | w12 << 25) ^ (w12 >>> 18 | w12 << 14) ^ w12 >>> 3);
            w12 += ((w10 >>> 17 | w10 << 15) ^ (w10 >>> 19 | w10 << 13) ^ w10 >>> 10) + w5 + ((w13 >>> 7 | w13 << 25) ^ (w13 >>> 18 | w13 << 14) ^ w13 >>> 3);
            w13 += ((w11 >>> 17 | w11 << 15) ^ (w11 >>> 19 | w11 << 13) ^ w11 >>> 10) + w6 + ((w14 >>> 7 | w14 << 25) ^ (w14 >>> 18 | w14 << 14) ^ w14 >>> 3);
            w14 += ((w12 >>> 17 | w12 << 15) ^ (w12 >>> 19 | w12 << 13) ^ w12 >>> 10) + w7 + ((w15 >>> 7 | w15 << 25) ^ (w15 >>> 18 | w15 << 14) ^ w15 >>> 3);
            w15 += ((w13 >>> 17 | w13 << 15) ^ (w13 >>> 19 | w13 << 13) ^ w13 >>> 10) + w8 + ((w0 >>> 7 | w0 << 25) ^ (w0 >>> 18 | w0 << 14) ^ w0 >>> 3);
        }
        h0 += a;
        h1 += bb;
        h2 += c;
        h3 += d;
        h4 += e;
        h5 += f;
        h6 += g;
        h7 += h;
    }
}
