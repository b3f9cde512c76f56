package org.attnplanes.app.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A {@link Writer} that encodes UTF-8 straight into one large byte buffer and, optionally, feeds every byte it
 * passes on into a SHA-256 digest: the writer of the big result files ({@code planes.csv}, {@code barcodes.json}),
 * whose manifest entry then needs no second reading of the file.
 *
 * <p>The bytes are exactly those of {@code new OutputStreamWriter(out, UTF_8)} for the same characters: an unpaired
 * surrogate (also one split over two calls and never completed) becomes {@code ?}, as the JDK's encoder replaces
 * malformed input. Unlike {@link java.io.BufferedWriter} it takes no lock and never builds intermediate strings:
 * ASCII characters are stored one byte each. Not thread-safe. {@link #close()} flushes and closes nothing below.
 */
public final class Utf8Sink extends Writer {

    private static final int SIZE = 1 << 16;

    private final OutputStream out;
    private final MessageDigest digest;
    private final byte[] buf = new byte[SIZE];
    private int pos;
    private long written;
    /** A high surrogate that ended the previous call, waiting for its low half; 0 when none. */
    private char pendingHigh;

    /**
     * @param out    where the bytes go (in blocks of up to 64 KiB)
     * @param digest fed with every byte passed on, or null
     */
    public Utf8Sink(OutputStream out, MessageDigest digest) {
        this.out = Objects.requireNonNull(out, "out");
        this.digest = digest;
    }

    /** Bytes passed on or buffered so far. */
    public long bytes() {
        return written + pos;
    }

    /** Flushes and returns the lower-case hex SHA-256 of every byte written (the digest is then reset). */
    public String sha256() throws IOException {
        if (digest == null) {
            throw new IllegalStateException("no digest");
        }
        flush();
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes an ASCII character ({@code c < 0x80}) as one byte; any other character as {@link #write(int)}. */
    public Utf8Sink ascii(char c) throws IOException {
        if (c >= 0x80 || pendingHigh != 0) {
            write(c);
            return this;
        }
        if (pos == SIZE) {
            drain();
        }
        buf[pos++] = (byte) c;
        return this;
    }

    /** Writes the decimal digits of {@code v} (as {@link Long#toString(long)}). */
    public Utf8Sink integer(long v) throws IOException {
        if (pendingHigh != 0) {
            write(Long.toString(v));
            return this;
        }
        if (SIZE - pos < 20) {
            drain();
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                write(Long.toString(v));
                return this;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        pos = end;
        return this;
    }

    /**
     * Makes room for up to {@code n} ASCII bytes ({@code n <= 64}) that the caller writes straight into
     * {@link #buffer()} from the returned index, then publishes with {@link #commit(int)}: the number writers format
     * into the sink's own buffer instead of a scratch array and a copy (≈ 2.4 M numbers in a 200-sentence run). A
     * high surrogate still pending is written as {@code ?} first, as before any ASCII character.
     */
    int reserve(int n) throws IOException {
        if (SIZE - pos < n + 1) {
            drain();
        }
        if (pendingHigh != 0) {
            pendingHigh = 0;
            buf[pos++] = '?';
        }
        return pos;
    }

    /** The buffer to write into after {@link #reserve(int)}. */
    byte[] buffer() {
        return buf;
    }

    /** Publishes the bytes written into {@link #buffer()} up to {@code end} (exclusive) after {@link #reserve}. */
    void commit(int end) {
        pos = end;
    }

    /** Writes {@code len} bytes of {@code ascii} (each below 0x80: the caller guarantees it). */
    public void asciiBytes(byte[] ascii, int off, int len) throws IOException {
        if (pendingHigh != 0) {
            for (int i = 0; i < len; i++) {
                write(ascii[off + i]);
            }
            return;
        }
        if (SIZE - pos < len) {
            drain();
            if (len > SIZE) {
                pass(ascii, off, len);
                return;
            }
        }
        System.arraycopy(ascii, off, buf, pos, len);
        pos += len;
    }

    /** Writes {@code len} characters of {@code ascii} (each below 0x80: the caller guarantees it), one byte each. */
    public void ascii(char[] ascii, int off, int len) throws IOException {
        if (pendingHigh != 0 || SIZE - pos < len) {
            write(ascii, off, len);
            return;
        }
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < len; i++) {
            b[p + i] = (byte) ascii[off + i];
        }
        pos = p + len;
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (ch < 0x80 && pendingHigh == 0) {
            if (pos == SIZE) {
                drain();
            }
            buf[pos++] = (byte) ch;
            return;
        }
        encode(ch);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && pendingHigh == 0) {
                if (pos == SIZE) {
                    drain();
                }
                buf[pos++] = (byte) c;
            } else {
                encode(c);
            }
        }
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) {
            char c = cbuf[i];
            if (c < 0x80 && pendingHigh == 0) {
                if (pos == SIZE) {
                    drain();
                }
                buf[pos++] = (byte) c;
            } else {
                encode(c);
            }
        }
    }

    @Override
    public Writer append(CharSequence csq) throws IOException {
        CharSequence s = csq == null ? "null" : csq;
        for (int i = 0, n = s.length(); i < n; i++) {
            write(s.charAt(i));
        }
        return this;
    }

    @Override
    public Writer append(CharSequence csq, int start, int end) throws IOException {
        CharSequence s = csq == null ? "null" : csq;
        for (int i = start; i < end; i++) {
            write(s.charAt(i));
        }
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        write(c);
        return this;
    }

    /** One character that is not plain ASCII, or any character after a pending high surrogate. */
    private void encode(char c) throws IOException {
        if (SIZE - pos < 4) {
            drain();
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            buf[pos++] = '?';        // the high surrogate had no low half
            if (SIZE - pos < 4) {
                drain();
            }
        }
        if (c < 0x80) {
            buf[pos++] = (byte) c;
        } else if (c < 0x800) {
            buf[pos++] = (byte) (0xC0 | (c >> 6));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[pos++] = '?';        // a low surrogate without its high half
        } else {
            buf[pos++] = (byte) (0xE0 | (c >> 12));
            buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void drain() throws IOException {
        if (pos > 0) {
            pass(buf, 0, pos);
            pos = 0;
        }
    }

    private void pass(byte[] b, int off, int len) throws IOException {
        if (digest != null) {
            digest.update(b, off, len);
        }
        out.write(b, off, len);
        written += len;
    }

    /**
     * Passes on the buffered bytes and flushes the stream below. A high surrogate still waiting for its low half
     * stays pending (as in the JDK's encoder, which writes it as {@code ?} only when the writer is closed).
     */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Writes a pending unpaired high surrogate as {@code ?} and flushes; the stream below stays open. */
    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            if (pos == SIZE) {
                drain();
            }
            buf[pos++] = '?';
        }
        flush();
    }
}
