package org.attnplanes.model.internal;

import java.security.MessageDigest;

/** SHA-256 helpers returning lower-case hex: graph-core's {@link org.attnplanes.graph.io.Sha256} plus token ids. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh SHA-256 digest (every Java runtime has one). */
    public static MessageDigest digest() {
        return org.attnplanes.graph.io.Sha256.digest();
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String of(byte[] bytes) {
        return org.attnplanes.graph.io.Sha256.of(bytes);
    }

    /** Hex SHA-256 of the UTF-8 encoding of {@code text}. */
    public static String ofText(String text) {
        return org.attnplanes.graph.io.Sha256.ofText(text);
    }

    /** Hex SHA-256 of token ids written as decimal numbers separated by single spaces. */
    public static String ofIds(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length * 6);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ids[i]);
        }
        return ofText(sb.toString());
    }
}
