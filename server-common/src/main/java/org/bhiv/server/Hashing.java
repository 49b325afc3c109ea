package org.bhiv.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text (as UTF-8), the one implementation every service uses. */
public final class Hashing {

    private Hashing() {
    }

    /**
     * @param text any text
     * @return SHA-256 of its UTF-8 bytes
     */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * @param text any text
     * @return SHA-256 of its UTF-8 bytes, 64 lowercase hex digits
     */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
