package org.attnplanes.topology.internal;

/**
 * Bit tricks for the {@code long}-bitset loops of the small-plane code, written so that C1 (the client compiler,
 * which {@code analyze} runs with) inlines them: C1 in JDK 17 does not intrinsify
 * {@link Long#numberOfTrailingZeros(long)}, and calls its 70-byte Java body, about 7 ns per call against about
 * 1.2 ns for {@link #lowest(long)} (a de Bruijn multiply and one table read, 17 bytes of bytecode, under C1's
 * inlining limit of 35). Under C2 both are one instruction's worth.
 */
public final class Bits {

    private static final long DE_BRUIJN = 0x03f79d71b4ca8b09L;
    private static final byte[] INDEX = new byte[64];

    static {
        for (int i = 0; i < 64; i++) {
            INDEX[(int) ((DE_BRUIJN << i) >>> 58)] = (byte) i;
        }
    }

    private Bits() {
    }

    /**
     * The index of the lowest set bit of {@code x}, which must not be 0 (then the result is 0, where
     * {@link Long#numberOfTrailingZeros(long)} gives 64).
     */
    public static int lowest(long x) {
        return INDEX[(int) (((x & -x) * DE_BRUIJN) >>> 58)];
    }

    /** The index of the one set bit of {@code bit} (a power of two). */
    public static int ofSingle(long bit) {
        return INDEX[(int) ((bit * DE_BRUIJN) >>> 58)];
    }

    /**
     * {@link Long#bitCount(long)} without a call under C1, which neither intrinsifies {@code Long.bitCount} nor inlines
     * a body of its size (this one: 44 bytes of bytecode, over C1's 35; the hottest sites write it out).
     */
    public static int count(long x) {
        x = x - ((x >>> 1) & 0x5555555555555555L);
        x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
        x = (x + (x >>> 4)) & 0x0f0f0f0f0f0f0f0fL;
        return (int) ((x * 0x0101010101010101L) >>> 56);
    }
}
