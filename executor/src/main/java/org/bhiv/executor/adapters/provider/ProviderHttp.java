package org.bhiv.executor.adapters.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.bhiv.server.Json;
import org.bhiv.server.TextRules;

/**
 * The JSON-over-HTTP client that real providers share: one JDK {@link HttpClient} per provider
 * (HTTP/1.1, no redirects, a connect timeout), a read timeout for the whole answer (headers and
 * body), a bearer token, and a bounded answer. A non-2xx answer becomes {@link ProviderException#http} with the vendor's
 * error code and {@code Retry-After}; transport failures stay {@link IOException}s. Neither the
 * token nor the answer's body ever reaches an exception message.
 */
public final class ProviderHttp {

    /** Largest provider answer kept, in bytes; more is dropped (and the rest is then not valid JSON). */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration readTimeout;

    /**
     * @param connectTimeout the longest a connection may take
     * @param readTimeout    the longest a request may wait for its answer
     */
    public ProviderHttp(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.readTimeout = readTimeout;
    }

    /**
     * POSTs a JSON body with {@code Authorization: Bearer <token>}.
     *
     * @param uri        where to
     * @param token      the bearer token
     * @param body       the JSON body
     * @param vendorCode reads the vendor's error code from an error answer (may return {@code null})
     * @return the 2xx answer's JSON ({@link MissingNode} when it is not JSON)
     * @throws ProviderException    when the provider answered with a non-2xx status
     * @throws IOException          when it could not be reached or did not answer in time
     * @throws InterruptedException when the call was interrupted (the adapter's timeout)
     */
    public JsonNode postJson(URI uri, Secret token, JsonNode body, Function<JsonNode, String> vendorCode)
            throws ProviderException, IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.reveal())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = exchange(request);
        JsonNode answer = parse(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return answer;
        }
        String code = answer.isMissingNode() ? null : vendorCode.apply(answer);
        throw ProviderException.http(status, code, retryAfter(response.headers().firstValue("Retry-After")).orElse(null));
    }

    /**
     * @param header a {@code Retry-After} value: seconds or an HTTP date
     * @return how long to wait, if the header says
     */
    static Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * Sends and reads the whole answer (headers and body) within the read timeout; the JDK's own
     * request timeout only covers the headers, so a provider that stalls mid-body is cut here.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        var exchange = client.sendAsync(request, info -> bounded());
        try {
            return exchange.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + readTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("the provider exchange failed", e.getCause());
        }
    }

    /** Keeps the first {@link #MAX_ANSWER_BYTES} of the body and drops the rest. */
    private static HttpResponse.BodySubscriber<byte[]> bounded() {
        var buffer = new ByteArrayOutputStream();
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk ->
                chunk.ifPresent(bytes -> buffer.write(bytes, 0, Math.min(bytes.length,
                        MAX_ANSWER_BYTES - buffer.size())))), done -> buffer.toByteArray());
    }

    /**
     * A short identifier-like value from a provider's answer (a message id, a model name), taken
     * only when it is 1..256 printable characters: it is stored, replayed and sent to Bucket, so
     * a vendor's odd answer must not make those refuse it.
     *
     * @param value a node of the answer
     * @return the text, or empty
     */
    public static Optional<String> shortText(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        String text = value.textValue();
        return text.isBlank() || text.length() > 256 || !TextRules.printable(text) ? Optional.empty() : Optional.of(text);
    }

    /**
     * Providers' answers are read leniently (duplicate keys, deep nesting, trailing text are the
     * vendor's business): refusing a billed success or losing a vendor error code over them would
     * turn a sent message into a retry. The body is already capped at {@link #MAX_ANSWER_BYTES}.
     */
    private static final ObjectMapper LENIENT = JsonMapper.builder().build();

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = LENIENT.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
