package org.bhiv.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.helidon.config.Config;

/**
 * The per-deployment secret of keyed redaction (CONTRACTS 4): content that leaves a service
 * (to Bucket) is replaced by {@code HMAC-SHA-256(key, text)}, so a reader cannot recover a short
 * content by hashing guesses, while the same content gives the same value within one deployment.
 * The key comes from config ({@code <node>.key}) or, when none is configured, from
 * {@code <data-dir>/redaction.key}, generated (256 random bits, owner-only file) at first start.
 * It is never logged: {@link #toString()} hides it.
 */
public final class RedactionKey {

    static final String FILE = "redaction.key";
    private static final int MIN_CONFIGURED = 16;

    private final SecretKeySpec key;

    private RedactionKey(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @param node       the redaction config node ({@code key}, {@code data-dir})
     * @param defaultDir where the generated key lives when {@code data-dir} is not set
     * @return the key
     * @throws IllegalArgumentException when a configured key is shorter than 16 characters
     */
    public static RedactionKey resolve(Config node, Path defaultDir) {
        String configured = node.get("key").asString().map(String::strip).orElse("");
        if (!configured.isEmpty()) {
            if (configured.length() < MIN_CONFIGURED) {
                throw new IllegalArgumentException("config " + node.get("key").key() + " must have at least "
                        + MIN_CONFIGURED + " characters (it is a secret; give it by environment variable)");
            }
            return new RedactionKey(configured.getBytes(StandardCharsets.UTF_8));
        }
        Path dir = node.get("data-dir").asString().map(String::strip).filter(s -> !s.isEmpty()).map(Path::of)
                .orElse(defaultDir);
        return fromFile(dir.resolve(FILE));
    }

    /** @return a key for this process only (tests and tools that have no data dir) */
    public static RedactionKey ephemeral() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new RedactionKey(bytes);
    }

    private static RedactionKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                try {
                    Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    restrict(file);
                } catch (FileAlreadyExistsException e) {
                    // another process of this deployment created it first: use theirs
                }
            }
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new RedactionKey(HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the redaction key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The redaction key file " + file + " is not hex; delete it to generate a new one", e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the data dir's own permissions apply
        }
    }

    /**
     * @param text any text
     * @return HMAC-SHA-256 of its UTF-8 bytes, 64 lowercase hex digits
     */
    public String hmacHex(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "RedactionKey[***]";
    }
}
