package org.bhiv.executor.outbox;

import java.net.URI;

import io.helidon.config.Config;

/**
 * One sink's node ({@code integrations.bucket} or {@code integrations.karma}).
 *
 * @param sink    which sink
 * @param url     the sink's base URL, e.g. {@code http://localhost:8001}
 * @param token   bearer token sent as {@code Authorization: Bearer <token>}; empty = none. Never logged.
 * @param enabled false = events for this sink are not written at all (state {@code disabled})
 */
public record SinkConfig(Sink sink, URI url, String token, boolean enabled) {

    public SinkConfig {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("integrations." + sink.wireName()
                    + ".url must be an absolute http(s) URL, was '" + url + "'");
        }
        token = token == null ? "" : token.strip();
    }

    /**
     * @param sink       which sink
     * @param node       the sink's config node
     * @param defaultUrl URL when none is configured
     * @return the config
     */
    public static SinkConfig create(Sink sink, Config node, String defaultUrl) {
        String url = node.get("url").asString().orElse(defaultUrl).strip();
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("integrations." + sink.wireName() + ".url is not a URL: '" + url + "'", e);
        }
        return new SinkConfig(sink, uri, node.get("token").asString().orElse(""),
                node.get("enabled").asBoolean().orElse(true));
    }

    /** @return where this sink's events are posted */
    public URI endpoint() {
        return URI.create(url + sink.path());
    }

    @Override
    public String toString() {
        return "SinkConfig[sink=" + sink.wireName() + ", url=" + url + ", token=" + (token.isEmpty() ? "none" : "***")
                + ", enabled=" + enabled + "]";
    }
}
