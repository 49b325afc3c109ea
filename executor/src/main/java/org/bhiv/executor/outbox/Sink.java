package org.bhiv.executor.outbox;

import java.util.Locale;

/**
 * The receivers of integration events, with the path each one is posted to.
 */
public enum Sink {
    /** Bucket's audit store: {@code POST {bucket}/core/write-event}. */
    BUCKET("/core/write-event"),
    /** Karma's behaviour events: {@code POST {karma}/v1/event/}. */
    KARMA("/v1/event/");

    private final String path;

    Sink(String path) {
        this.path = path;
    }

    /** @return the name used in config keys, log lines, stats and the database ({@code bucket}, {@code karma}) */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the path events are posted to, relative to the sink's base URL */
    public String path() {
        return path;
    }

    /**
     * @param wireName {@code bucket} or {@code karma}
     * @return the sink
     * @throws IllegalArgumentException for any other name
     */
    public static Sink of(String wireName) {
        for (Sink s : values()) {
            if (s.wireName().equals(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown sink '" + wireName + "', expected bucket or karma");
    }
}
