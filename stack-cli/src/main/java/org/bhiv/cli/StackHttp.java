package org.bhiv.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * JSON over HTTP with finite timeouts (2 s to connect, 5 s per answer). A service that does not
 * answer is {@link Unreachable}; any HTTP status is an {@link Answer}.
 */
final class StackHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer: its status and its body as JSON ({@code MissingNode} when it is not JSON). */
    record Answer(int status, JsonNode json) {
    }

    /** The service did not answer at all. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String url, Exception cause) {
            super(url + " did not answer (" + cause.getClass().getSimpleName() + ")", cause);
        }
    }

    Answer get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url, token);
    }

    Answer post(String url, String token, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), url, token);
    }

    private Answer send(HttpRequest.Builder builder, String url, String token) {
        builder.timeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> res = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = res.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(res.body());
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            return new Answer(res.statusCode(), json);
        } catch (IOException e) {
            throw new Unreachable(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(url, e);
        }
    }
}
