package org.attnplanes.app.export;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of one checkpoint part, built in memory in {@link DataOutputStream}'s big-endian format (same bytes
 * for {@link #writeInt}, {@link #writeDouble} and {@link #writeUTF}), so that the part is hashed in one call and
 * written in one block instead of eight bytes at a time through a digesting stream. Not thread-safe.
 */
final class PartBuffer {

    private byte[] buf;
    private int size;

    PartBuffer(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    private void room(int n) {
        if (buf.length - size < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    /** As {@link DataOutputStream#writeInt(int)}. */
    void writeInt(int v) {
        room(4);
        byte[] b = buf;
        int p = size;
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        size = p + 4;
    }

    /** As {@link DataOutputStream#writeByte(int)}. */
    void writeByte(int v) {
        room(1);
        buf[size++] = (byte) v;
    }

    /** As {@link DataOutputStream#writeFloat(float)} ({@link Float#floatToIntBits}: one NaN). */
    void writeFloat(float f) {
        writeInt(Float.floatToIntBits(f));
    }

    /**
     * As {@link #writeFloat} of {@code (float) v[i]} for every element in order, with one room check and no call
     * per value (the bar ends of a checkpoint part: ≈ 70 floats per row).
     */
    void writeFloats(double[] v) {
        room(4 * v.length);
        byte[] b = buf;
        int p = size;
        for (double d : v) {
            int x = Float.floatToIntBits((float) d);
            b[p] = (byte) (x >>> 24);
            b[p + 1] = (byte) (x >>> 16);
            b[p + 2] = (byte) (x >>> 8);
            b[p + 3] = (byte) x;
            p += 4;
        }
        size = p;
    }

    /**
     * Values that are mostly float32: a bit mask of {@code (n + 7) / 8} bytes (bit i, least significant first, set
     * when {@code v[i]} is a float32 value or NaN), then each value as {@link #writeFloat} when its bit is set, else
     * as {@link #writeDouble}; one room check for all (a row's statistics in a checkpoint part).
     */
    void writeMostlyFloats(double[] v) {
        int n = v.length;
        int maskBytes = (n + 7) >>> 3;
        room(maskBytes + 8 * n);
        byte[] b = buf;
        int mask = size;
        Arrays.fill(b, mask, mask + maskBytes, (byte) 0);
        int p = mask + maskBytes;
        for (int i = 0; i < n; i++) {
            double d = v[i];
            float f = (float) d;
            if (f == d || d != d) {
                b[mask + (i >>> 3)] |= (byte) (1 << (i & 7));
                int x = Float.floatToIntBits(f);
                b[p] = (byte) (x >>> 24);
                b[p + 1] = (byte) (x >>> 16);
                b[p + 2] = (byte) (x >>> 8);
                b[p + 3] = (byte) x;
                p += 4;
            } else {
                long x = Double.doubleToLongBits(d);
                int hi = (int) (x >>> 32);
                int lo = (int) x;
                b[p] = (byte) (hi >>> 24);
                b[p + 1] = (byte) (hi >>> 16);
                b[p + 2] = (byte) (hi >>> 8);
                b[p + 3] = (byte) hi;
                b[p + 4] = (byte) (lo >>> 24);
                b[p + 5] = (byte) (lo >>> 16);
                b[p + 6] = (byte) (lo >>> 8);
                b[p + 7] = (byte) lo;
                p += 8;
            }
        }
        size = p;
    }

    /** As {@link DataOutputStream#writeDouble(double)} ({@link Double#doubleToLongBits}: one NaN). */
    void writeDouble(double d) {
        long v = Double.doubleToLongBits(d);
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /**
     * As {@link DataOutputStream#writeUTF(String)} (a two-byte length, then modified UTF-8): ASCII without NUL is
     * copied here, anything else is encoded by {@link DataOutputStream} itself.
     */
    void writeUTF(String s) throws IOException {
        int n = s.length();
        boolean plain = n <= 0xFFFF;
        for (int i = 0; plain && i < n; i++) {
            char c = s.charAt(i);
            plain = c >= 1 && c < 0x80;
        }
        if (!plain) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(n * 3 + 2);
            new DataOutputStream(bytes).writeUTF(s);   // throws as before when too long
            byte[] enc = bytes.toByteArray();
            room(enc.length);
            System.arraycopy(enc, 0, buf, size, enc.length);
            size += enc.length;
            return;
        }
        room(2 + n);
        buf[size] = (byte) (n >>> 8);
        buf[size + 1] = (byte) n;
        int p = size + 2;
        for (int i = 0; i < n; i++) {
            buf[p + i] = (byte) s.charAt(i);
        }
        size = p + n;
    }

    /** The bytes written so far (the array itself, valid up to {@link #size()}). */
    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }
}
