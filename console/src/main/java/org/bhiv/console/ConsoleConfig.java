package org.bhiv.console;

import java.net.URI;
import java.time.Duration;

import io.helidon.config.Config;

/**
 * The console's {@code console} node.
 *
 * @param karma        Karma's base URL ({@code console.karma-url})
 * @param bucket       Bucket's base URL ({@code console.bucket-url})
 * @param core         Core's base URL ({@code console.core-url})
 * @param executor     the executor's base URL ({@code console.executor-url})
 * @param token        the operator's bearer token ({@code console.token}, env {@code CONSOLE_TOKEN}); empty = none
 * @param timeout      each call to a pillar, at most 2 s ({@code console.timeout})
 * @param sessionTtl   how long an operator sign-in lasts ({@code console.session-ttl})
 * @param maxSessions  signed-in sessions kept at most ({@code console.max-sessions})
 * @param maxBodyBytes largest accepted request body ({@code console.max-body-bytes})
 */
public record ConsoleConfig(URI karma, URI bucket, URI core, URI executor, String token, Duration timeout,
                            Duration sessionTtl, int maxSessions, int maxBodyBytes) {

    public ConsoleConfig {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(2)) > 0) {
            throw new IllegalArgumentException("console.timeout (CONSOLE_TIMEOUT) must be more than 0 and at most PT2S, was "
                    + timeout);
        }
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("console.session-ttl must be positive, was " + sessionTtl);
        }
        if (maxSessions < 1 || maxBodyBytes < 1024) {
            throw new IllegalArgumentException("console.max-sessions must be at least 1 and console.max-body-bytes at least 1024");
        }
    }

    /** @return the config under {@code console}, with the defaults of {@code application.yaml} */
    public static ConsoleConfig create(Config console) {
        return new ConsoleConfig(url(console, "karma-url", "http://localhost:8000"),
                url(console, "bucket-url", "http://localhost:8001"),
                url(console, "core-url", "http://localhost:8002"),
                url(console, "executor-url", "http://localhost:8003"),
                console.get("token").asString().orElse("").strip(),
                console.get("timeout").as(Duration.class).orElse(Duration.ofSeconds(2)),
                console.get("session-ttl").as(Duration.class).orElse(Duration.ofHours(8)),
                console.get("max-sessions").asInt().orElse(1000),
                console.get("max-body-bytes").asInt().orElse(65536));
    }

    private static URI url(Config console, String key, String fallback) {
        String value = console.get(key).asString().orElse(fallback).strip();
        URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("console." + key + " must be an http(s) URL, was " + value);
        }
        return uri;
    }
}
