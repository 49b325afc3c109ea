package org.bhiv.core;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;

import io.helidon.config.Config;

/**
 * Reading and checking config values, with messages that name the key.
 */
final class ConfigValues {

    private static final Duration MAX_OUTBOUND = Duration.ofSeconds(2);

    private ConfigValues() {
    }

    /** @return the value, or {@code null} when absent or blank (an unset environment variable) */
    static String secret(Config node) {
        return node.asString().map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** @return an ISO-8601 duration ({@code PT2S}) or the default */
    static Duration duration(Config node, String key, Duration defaultValue) {
        var text = node.asString().map(String::strip).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Duration.parse(text.get());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT2S: " + text.get(), e);
        }
    }

    static String httpUrl(String key, String url) {
        try {
            URI uri = URI.create(url == null ? "" : url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(key + " must be an absolute http or https URL: " + url);
            }
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(key) ? e
                    : new IllegalArgumentException(key + " is not a valid URL: " + url, e);
        }
    }

    static void outboundTimeout(String key, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_OUTBOUND) > 0) {
            throw new IllegalArgumentException(key + " must be > 0 and <= " + MAX_OUTBOUND + ": " + timeout);
        }
    }

    static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1: " + value);
        }
    }
}
