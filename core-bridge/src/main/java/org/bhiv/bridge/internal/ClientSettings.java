package org.bhiv.bridge.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.bhiv.bridge.WorkflowClient;

/**
 * The validated settings of one client. Each {@code check*} method is the single place where
 * a setting is validated; the builder calls them as values are set.
 *
 * @param baseUri     absolute http(s) URI without a trailing slash
 * @param token       bearer token or {@code null}
 * @param timeout     overall budget of one call, in (0, 2 s]
 * @param maxInFlight calls in progress at most, at least 1
 * @param maxRetries  retries per call at most, at least 0
 */
public record ClientSettings(URI baseUri, String token, Duration timeout, int maxInFlight, int maxRetries) {

    /** Validates everything again, so that a settings object is always valid. */
    public ClientSettings {
        baseUri = checkBaseUri(baseUri);
        token = checkToken(token);
        timeout = checkTimeout(timeout);
        checkMaxInFlight(maxInFlight);
        checkMaxRetries(maxRetries);
    }

    /**
     * Checks a base URI.
     *
     * @param uri a candidate base URI
     * @return the URI without a trailing slash
     * @throws IllegalArgumentException when null, relative, not http(s), without host, or with a query or fragment
     */
    public static URI checkBaseUri(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("baseUri is required");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("baseUri must be an absolute http or https URI: " + uri);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("baseUri must name a host: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUri must not have a query or fragment: " + uri);
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /**
     * Checks a token.
     *
     * @param token a candidate token
     * @return the stripped token, or {@code null} when null or blank
     * @throws IllegalArgumentException when it contains characters other than visible ASCII
     */
    public static String checkToken(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String stripped = token.strip();
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                // The value itself is a secret: say where, never what.
                throw new IllegalArgumentException("token must be visible ASCII without spaces (character " + i + " is not)");
            }
        }
        return stripped;
    }

    /**
     * Checks a timeout.
     *
     * @param timeout a candidate timeout
     * @return the timeout
     * @throws IllegalArgumentException when null, not positive or over {@link WorkflowClient#MAX_TIMEOUT}
     */
    public static Duration checkTimeout(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout is required");
        }
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(WorkflowClient.MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be > 0 and <= " + WorkflowClient.MAX_TIMEOUT + ": " + timeout);
        }
        return timeout;
    }

    /**
     * Checks an in-flight bound.
     *
     * @param maxInFlight a candidate bound
     * @return the bound
     * @throws IllegalArgumentException when below 1
     */
    public static int checkMaxInFlight(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
        }
        return maxInFlight;
    }

    /**
     * Checks a retry budget.
     *
     * @param maxRetries a candidate retry budget
     * @return the budget
     * @throws IllegalArgumentException when negative
     */
    public static int checkMaxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
        }
        return maxRetries;
    }

    @Override
    public String toString() {
        return "baseUri=" + baseUri + ", token=" + (token == null ? "none" : "***") + ", timeout=" + timeout
                + ", maxInFlight=" + maxInFlight + ", maxRetries=" + maxRetries;
    }
}
