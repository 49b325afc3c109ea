package org.bhiv.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.bhiv.server.Json;

/**
 * A tiny JSON-over-HTTP client for the end-to-end tests (JDK client, 5 s timeouts).
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    /** One answer: status, parsed body (MissingNode when not JSON), raw body and headers. */
    record Answer(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
    }

    static Answer get(String url, String token) {
        return send("GET", url, token, null);
    }

    static Answer post(String url, String token, Object body) {
        return send("POST", url, token, body);
    }

    static Answer send(String method, String url, String token, Object body) {
        return send(method, url, token, body, null);
    }

    /** @param accept the Accept header, none when null */
    static Answer send(String method, String url, String token, Object body, String accept) {
        var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (accept != null) {
            builder.header("Accept", accept);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String s ? s : Json.mapper().writeValueAsString(body);
                builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            HttpResponse<String> res = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = res.body().isEmpty() ? MissingNode.getInstance() : Json.mapper().readTree(res.body());
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            return new Answer(res.statusCode(), json, res.body(), res.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
