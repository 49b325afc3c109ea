package org.bhiv.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator sign-in: whoever types the operator's token once gets a random session id (an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie) that stands for it until it expires or is
 * ended. The token itself is compared in constant time and never kept per session, sent back or
 * logged. Bounded: past {@code maxSessions} the expired ones go, then the oldest. Thread-safe.
 */
final class OperatorSessions {

    static final String COOKIE = "console_session";

    private final byte[] token;
    private final ConsoleConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

    OperatorSessions(ConsoleConfig config, Clock clock) {
        this.token = config.token().getBytes(StandardCharsets.UTF_8);
        this.config = config;
        this.clock = clock;
    }

    /** @return true when no token is configured: an open stack, where everyone may operate */
    boolean open() {
        return token.length == 0;
    }

    /** @return a new session id when {@code presented} is the operator's token */
    Optional<String> signIn(String presented) {
        if (open() || presented == null
                || !MessageDigest.isEqual(token, presented.strip().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        if (sessions.size() >= config.maxSessions()) {
            Instant now = clock.instant();
            sessions.values().removeIf(expiry -> expiry.isBefore(now));
            if (sessions.size() >= config.maxSessions()) {
                sessions.entrySet().stream().min(Map.Entry.comparingByValue())
                        .ifPresent(oldest -> sessions.remove(oldest.getKey()));
            }
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = HexFormat.of().formatHex(id);
        sessions.put(session, clock.instant().plus(config.sessionTtl()));
        return Optional.of(session);
    }

    /** @return true when the session id is signed in (or the stack is open) */
    boolean operator(String session) {
        if (open()) {
            return true;
        }
        if (session == null) {
            return false;
        }
        Instant expiry = sessions.get(session);
        if (expiry == null) {
            return false;
        }
        if (expiry.isBefore(clock.instant())) {
            sessions.remove(session);
            return false;
        }
        return true;
    }

    void signOut(String session) {
        if (session != null) {
            sessions.remove(session);
        }
    }
}
