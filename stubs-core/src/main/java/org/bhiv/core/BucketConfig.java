package org.bhiv.core;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * The {@code bucket} config node: where Core writes its {@code agent_result} events.
 *
 * @param url         Bucket's base URL ({@code http://localhost:8001})
 * @param token       the bearer token proving {@code bhiv_core}, {@code null} when unset
 * @param timeout     per write, at most 2 s ({@code PT2S})
 * @param maxInFlight writes in progress at most; more are dropped ({@code 64})
 */
record BucketConfig(String url, String token, Duration timeout, int maxInFlight) {

    BucketConfig {
        url = ConfigValues.httpUrl("bucket.url", url);
        ConfigValues.outboundTimeout("bucket.timeout", timeout);
        ConfigValues.atLeastOne("bucket.max-in-flight", maxInFlight);
    }

    /**
     * @param node the {@code bucket} node
     * @return the config, with defaults for what is absent
     * @throws IllegalArgumentException naming the key of an invalid value
     */
    static BucketConfig create(Config node) {
        return new BucketConfig(node.get("url").asString().orElse("http://localhost:8001"),
                ConfigValues.secret(node.get("token")),
                ConfigValues.duration(node.get("timeout"), "bucket.timeout", Duration.ofSeconds(2)),
                node.get("max-in-flight").asInt().orElse(64));
    }

    @Override
    public String toString() {
        return "BucketConfig[url=" + url + ", token=" + (token == null ? "none" : "***") + ", timeout=" + timeout
                + ", maxInFlight=" + maxInFlight + "]";
    }
}
