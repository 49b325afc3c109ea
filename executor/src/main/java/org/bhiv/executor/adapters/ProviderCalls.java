package org.bhiv.executor.adapters;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a provider with a finite timeout on its own virtual thread and classifies what goes
 * wrong. A call that outlives its timeout is interrupted and reported as
 * {@code provider_unavailable}.
 */
public final class ProviderCalls {

    private ProviderCalls() {
    }

    /**
     * @param provider the provider
     * @param request  what to send
     * @param timeout  the longest the call may take
     * @param <Q>      request type
     * @param <R>      answer type
     * @return the provider's answer
     * @throws ProviderFailedException when the provider failed in a classified way
     * @throws IllegalStateException   when it failed in an unexpected way (a defect)
     */
    public static <Q, R> R call(Provider<Q, R> provider, Q request, Duration timeout) throws ProviderFailedException {
        var answer = new CompletableFuture<R>();
        Thread worker = Thread.ofVirtual().name("provider-call").start(() -> {
            try {
                answer.complete(provider.call(request));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new ProviderFailedException(ProviderFailure.unavailable(
                    "The provider did not answer within " + timeout.toMillis() + " ms."));
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new ProviderFailedException(ProviderFailure.unavailable("The provider call was interrupted."));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error; // the JVM is in trouble (OOM, stack overflow): not a failed execution
            }
            var failure = ProviderFailures.classify(cause);
            if (failure.isPresent()) {
                throw new ProviderFailedException(failure.get());
            }
            throw new IllegalStateException("The provider failed unexpectedly", cause);
        }
    }

    /**
     * A provider call failed in a classified way.
     */
    public static final class ProviderFailedException extends Exception {
        private final transient ProviderFailure failure;

        ProviderFailedException(ProviderFailure failure) {
            super(failure.errorCode() + ": " + failure.reason(), null, false, false);
            this.failure = failure;
        }

        /** @return the classified failure */
        public ProviderFailure failure() {
            return failure;
        }
    }
}
