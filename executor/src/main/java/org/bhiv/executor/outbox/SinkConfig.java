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
        if (url.getRawUserInfo() != null) {
            // never echo the URL: it holds a credential, and /healthz publishes the URL
            throw new IllegalArgumentException("integrations." + sink.wireName() + ".url must not contain credentials"
                    + " (user:password@); set integrations." + sink.wireName() + ".token instead");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("integrations." + sink.wireName()
                    + ".url must be an absolute http(s) URL, was '" + withoutUserInfo(url.toString()) + "'");
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
            throw new IllegalArgumentException("integrations." + sink.wireName() + ".url is not a URL: '"
                    + withoutUserInfo(url) + "'", e);
        }
        return new SinkConfig(sink, uri, node.get("token").asString().orElse(""),
                node.get("enabled").asBoolean().orElse(true));
    }

    /** A URL text for an error message, with anything that looks like {@code user:password@} hidden. */
    private static String withoutUserInfo(String url) {
        return url.replaceFirst("^([^/]*//)[^/]*@", "$1***@");
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
