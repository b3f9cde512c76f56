package org.attnplanes.graph.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex, the one definition every module uses for provenance, manifests and fingerprints
 * (model files, inputs, published outputs).
 */
public final class Sha256 {

    private static final int BUFFER = 1 << 16;

    private Sha256() {
    }

    /**
     * A fresh SHA-256 digest: {@link Sha256C1}, the same digests as the JDK's {@code MessageDigest.getInstance
     * ("SHA-256")} in fewer cycles under the launcher's C1-only JIT (where the JDK's runs as plain Java loops).
     */
    public static MessageDigest digest() {
        return new Sha256C1();
    }

    /** Lower-case hex of a finished digest. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Hex SHA-256 of the UTF-8 encoding of {@code text}. */
    public static String ofText(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256 of everything {@code in} still delivers (read to the end, not closed). */
    public static String of(InputStream in) throws IOException {
        MessageDigest md = digest();
        update(md, in);
        return hex(md);
    }

    /** Hex SHA-256 of a file's bytes, read in blocks (never the whole file in memory). */
    public static String ofFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** Adds everything {@code in} still delivers to {@code md} (read to the end, not closed). */
    public static void update(MessageDigest md, InputStream in) throws IOException {
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
        }
    }
}
