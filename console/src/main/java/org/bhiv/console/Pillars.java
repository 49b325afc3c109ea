package org.bhiv.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.bhiv.server.Json;

/**
 * The console's calls to the pillars: JDK HTTP client, the configured timeout on connect and on
 * each answer, the operator's token on every call except PRANA packets (a browser's, sent as
 * Bucket's anonymous PRANA writer). Never throws for a pillar that is down: the answer says so.
 */
final class Pillars {

    /** The pillars the console calls. */
    enum Pillar { KARMA, BUCKET, CORE, EXECUTOR }

    /**
     * One answer; {@code status} 0 when the pillar did not answer ({@code error} says why).
     *
     * @param status HTTP status, or 0
     * @param body   the JSON body ({@link NullNode} when none or not JSON)
     * @param error  why there is no answer, or {@code null}
     */
    record Answer(int status, JsonNode body, String error) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final ConsoleConfig config;
    private final HttpClient client;

    Pillars(ConsoleConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Answer get(Pillar pillar, String pathAndQuery) {
        return send(pillar, HttpRequest.newBuilder(uri(pillar, pathAndQuery)).GET(), true);
    }

    Answer post(Pillar pillar, String pathAndQuery, byte[] json) {
        return send(pillar, HttpRequest.newBuilder(uri(pillar, pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json)),
                true);
    }

    /** A browser's PRANA packet, forwarded as it came, without the console's token. */
    Answer pranaPacket(byte[] json) {
        return send(Pillar.BUCKET, HttpRequest.newBuilder(uri(Pillar.BUCKET, "/bucket/prana/ingest"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)), false);
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Answer send(Pillar pillar, HttpRequest.Builder builder, boolean withToken) {
        builder.timeout(config.timeout()).header("Accept", "application/json");
        if (withToken && !config.token().isEmpty()) {
            builder.header("Authorization", "Bearer " + config.token());
        }
        try {
            HttpResponse<byte[]> res = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(res.statusCode(), parse(res.body()), null);
        } catch (IOException e) {
            return new Answer(0, NullNode.getInstance(), pillar.name().toLowerCase() + " did not answer ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, NullNode.getInstance(), "interrupted");
        }
    }

    private URI uri(Pillar pillar, String pathAndQuery) {
        URI base = switch (pillar) {
            case KARMA -> config.karma();
            case BUCKET -> config.bucket();
            case CORE -> config.core();
            case EXECUTOR -> config.executor();
        };
        return URI.create(base + pathAndQuery);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? NullNode.getInstance() : Json.mapper().readTree(body);
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }
}
