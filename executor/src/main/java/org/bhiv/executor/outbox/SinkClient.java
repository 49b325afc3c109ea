package org.bhiv.executor.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.bhiv.executor.store.OutboxStore;

/**
 * Posts one event to one sink with the JDK {@link HttpClient}: a connect timeout and an overall
 * deadline of {@code integrations.timeout} per attempt (headers and body included), the headers
 * of the contract ({@code X-Trace-Id}, {@code traceparent}, {@code Content-Type},
 * {@code Authorization}), and at most 1 KiB of the answer kept.
 */
final class SinkClient {

    private static final int MAX_ANSWER_BYTES = 1024;

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore permits;
    private volatile boolean aborted;

    /**
     * @param concurrency requests in flight at most; an attempt waits for a permit before its
     *                    timeout starts, so the client keeps that many connections to the sink busy
     */
    SinkClient(HttpClient http, SinkConfig sink, Duration timeout, int concurrency) {
        this.http = http;
        this.endpoint = sink.endpoint();
        this.authorization = sink.token().isEmpty() ? null : "Bearer " + sink.token();
        this.timeout = timeout;
        this.permits = new Semaphore(concurrency);
    }

    static HttpClient httpClient(Duration timeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    AttemptResult send(OutboxStore.ClaimedEvent event) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult.Aborted();
        }
        try {
            return aborted ? new AttemptResult.Aborted() : post(event);
        } finally {
            permits.release();
        }
    }

    private AttemptResult post(OutboxStore.ClaimedEvent event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Trace-Id", headerSafe(event.traceId()))
                .header("traceparent", event.traceparent())
                .POST(HttpRequest.BodyPublishers.ofString(event.payload(), StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        var answer = new BoundedBody();
        CompletableFuture<HttpResponse<Void>> future =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArrayConsumer(answer));
        inFlight.add(future);
        try {
            HttpResponse<Void> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return classify(response.statusCode(), response.headers().firstValue("Retry-After"), answer.text());
        } catch (TimeoutException e) {
            future.cancel(true);
            return new AttemptResult.Retryable("timeout", null);
        } catch (CancellationException e) {
            return new AttemptResult.Aborted();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new AttemptResult.Aborted();
        } catch (ExecutionException e) {
            return transportFailure(e.getCause());
        } finally {
            inFlight.remove(future);
        }
    }

    /**
     * Cancels every attempt in flight (end of the drain), and every later one before it is sent;
     * they end as {@link AttemptResult.Aborted}.
     */
    void abortInFlight() {
        aborted = true;
        inFlight.forEach(f -> f.cancel(true));
    }

    static AttemptResult classify(int status, Optional<String> retryAfter, String answer) {
        if (status >= 200 && status < 300) {
            return new AttemptResult.Delivered(status);
        }
        if (status == 429 || status >= 500) {
            return new AttemptResult.Retryable("http_" + status, retryAfter.map(SinkClient::parseRetryAfter).orElse(null));
        }
        return new AttemptResult.Rejected("http_" + status, answer);
    }

    /** @return the delay of a {@code Retry-After} header (delta-seconds or HTTP-date), or {@code null} */
    static Duration parseRetryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 86_400));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static AttemptResult transportFailure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new AttemptResult.Retryable("timeout", null);
        }
        if (cause instanceof ConnectException) {
            return new AttemptResult.Retryable("connection_failed", null);
        }
        if (cause instanceof IOException) {
            return new AttemptResult.Retryable("io_error", null);
        }
        if (cause instanceof CancellationException) {
            return new AttemptResult.Aborted();
        }
        return new AttemptResult.Retryable("client_error", null);
    }

    private static String headerSafe(String value) {
        var sb = new StringBuilder(value.length());
        value.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? (char) c : '_'));
        return sb.toString();
    }

    /** Keeps the first KiB of an answer's body, discards the rest. */
    private static final class BoundedBody implements Consumer<Optional<byte[]>> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void accept(Optional<byte[]> chunk) {
            chunk.ifPresent(b -> bytes.write(b, 0, Math.min(b.length, MAX_ANSWER_BYTES - bytes.size())));
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
