package org.bhiv.server.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.config.Config;
import org.bhiv.server.Hashing;

/**
 * The table {@code token -> identity} of one service, from {@code security.tokens}
 * ({@code [{token, identity}, ...]}). An empty table is the open sandbox mode.
 * Tokens are compared in constant time and never appear in {@link #toString()}.
 */
public final class Tokens {

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the table from the {@code security} config node. Entries with a blank token (an
     * unset environment variable) are ignored.
     *
     * @param security the {@code security} node
     * @return the table
     * @throws IllegalArgumentException when an entry has a token but no identity
     */
    public static Tokens create(Config security) {
        var entries = new ArrayList<Entry>();
        for (Config node : security.get("tokens").asNodeList().orElse(List.of())) {
            String token = node.get("token").asString().orElse("").strip();
            String identity = node.get("identity").asString().orElse("").strip();
            if (token.isEmpty()) {
                continue;
            }
            if (identity.isEmpty()) {
                throw new IllegalArgumentException("security.tokens." + node.name() + ".identity is required");
            }
            entries.add(new Entry(digest(token), identity));
        }
        return new Tokens(entries);
    }

    /**
     * @param pairs token, identity, token, identity, ...
     * @return a table of these pairs
     */
    public static Tokens of(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Tokens.of takes token/identity pairs");
        }
        var entries = new ArrayList<Entry>();
        for (int i = 0; i < pairs.length; i += 2) {
            entries.add(new Entry(digest(pairs[i]), pairs[i + 1]));
        }
        return new Tokens(entries);
    }

    /** @return true when no token is configured: the open sandbox mode */
    public boolean open() {
        return entries.isEmpty();
    }

    /**
     * @param token a presented bearer token
     * @return the identity it proves, if any
     */
    public Optional<String> identityOf(String token) {
        byte[] presented = digest(token);
        String found = null;
        // Compare against every entry so the time taken does not tell which one matched.
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest, presented) && found == null) {
                found = entry.identity;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return open() ? "Tokens[open]" : "Tokens[" + entries.size() + " configured]";
    }

    private static byte[] digest(String token) {
        return Hashing.sha256(token);
    }

    private record Entry(byte[] digest, String identity) {
    }
}
