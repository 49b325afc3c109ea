package org.bhiv.executor.adapters.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Section 3.3's provider error classes, through {@link ProviderCalls} with a fake provider
 * that throws each kind of failure.
 */
class ProviderFailuresTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void http429IsRateLimitedAndRetryableWithRetryAfter() {
        var failure = failureOf((request, effects) -> {
            throw ProviderException.http(429, null, Duration.ofSeconds(7));
        });
        assertThat(failure.errorCode()).isEqualTo("provider_rate_limited");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).hasValue(Duration.ofSeconds(7));
    }

    @Test
    void whatsAppRateLimitCodesAreRateLimited() {
        for (String code : new String[] {"130429", "131056"}) {
            var failure = failureOf((request, effects) -> {
                throw ProviderException.http(400, code, null);
            });
            assertThat(failure.errorCode()).as(code).isEqualTo("provider_rate_limited");
            assertThat(failure.retryable()).isTrue();
        }
    }

    @Test
    void whatsAppRecipientCodesAreRejectedAndNotRetryable() {
        for (String code : new String[] {"131047", "131026"}) {
            var failure = failureOf((request, effects) -> {
                throw ProviderException.http(400, code, null);
            });
            assertThat(failure.errorCode()).as(code).isEqualTo("provider_rejected");
            assertThat(failure.retryable()).isFalse();
        }
    }

    @Test
    void http5xxIsUnavailableAndRetryable() {
        var failure = failureOf((request, effects) -> {
            throw ProviderException.http(503, null, null);
        });
        assertThat(failure.errorCode()).isEqualTo("provider_unavailable");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void otherHttp4xxIsRejected() {
        var failure = failureOf((request, effects) -> {
            throw ProviderException.http(401, null, null);
        });
        assertThat(failure.errorCode()).isEqualTo("provider_rejected");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void smtp5xxIsRejectedAndSmtp4xxIsUnavailable() {
        assertThat(failureOf((request, effects) -> {
            throw ProviderException.smtp(550);
        }).errorCode()).isEqualTo("provider_rejected");
        assertThat(failureOf((request, effects) -> {
            throw ProviderException.smtp(421);
        }).errorCode()).isEqualTo("provider_unavailable");
    }

    @Test
    void refusedConnectionIsUnavailable() {
        var failure = failureOf((request, effects) -> {
            throw new ConnectException("Connection refused");
        });
        assertThat(failure.errorCode()).isEqualTo("provider_unavailable");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).doesNotContain("Connection refused");
    }

    @Test
    void providerThatNeverAnswersTimesOutAsUnavailableWithinItsTimeout() {
        long start = System.nanoTime();
        var failure = failureOf((request, effects) -> {
            new CountDownLatch(1).await();
            return "never";
        }, Duration.ofMillis(200));
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(failure.errorCode()).isEqualTo("provider_unavailable");
        assertThat(failure.retryable()).isTrue();
        assertThat(tookMs).isLessThan(2_000);
    }

    @Test
    void unexpectedExceptionIsNotAProviderFailure() {
        assertThat(ProviderFailures.classify(new NullPointerException())).isEmpty();
        Provider<String, String> buggy = (request, effects) -> {
            throw new IllegalArgumentException("bug");
        };
        assertThatThrownBy(() -> ProviderCalls.call(buggy, "x", new Effects(), TIMEOUT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anErrorInTheProviderPropagatesInsteadOfBecomingAFailure() {
        Provider<String, String> exhausted = (request, effects) -> {
            throw new StackOverflowError("deep");
        };
        assertThatThrownBy(() -> ProviderCalls.call(exhausted, "x", new Effects(), TIMEOUT)).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void answerIsReturnedWhenTheProviderSucceeds() throws Exception {
        Provider<String, String> exclaim = (request, effects) -> request + "!";
        String answer = ProviderCalls.call(exclaim, "ok", new Effects(), TIMEOUT);
        assertThat(answer).isEqualTo("ok!");
    }

    @Test
    void ioExceptionsAreUnavailable() {
        assertThat(ProviderFailures.classify(new IOException("reset")).map(ProviderFailure::errorCode))
                .isEqualTo(Optional.of("provider_unavailable"));
    }

    private static ProviderFailure failureOf(Provider<String, String> provider) {
        return failureOf(provider, TIMEOUT);
    }

    private static ProviderFailure failureOf(Provider<String, String> provider, Duration timeout) {
        try {
            ProviderCalls.call(provider, "request", new Effects(), timeout);
        } catch (ProviderCalls.ProviderFailedException e) {
            return e.failure();
        }
        throw new AssertionError("the provider call did not fail");
    }
}
