package org.bhiv.executor.adapters.provider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.AdapterOutcome;

/**
 * Calls a provider with a finite timeout on its own virtual thread and classifies what goes
 * wrong. A call that outlives its timeout is interrupted and reported as
 * {@code provider_unavailable}.
 */
public final class ProviderCalls {

    private ProviderCalls() {
    }

    /**
     * Calls the adapter's provider and turns the answer into the adapter's outcome: the one
     * place where a provider call, its timeout and its failures meet an adapter.
     *
     * @param config   the adapter's config (its provider's name and timeout)
     * @param provider the provider
     * @param request  what to send
     * @param effects  the execution's writes to the executor's own database
     * @param fields   the adapter's success fields from the provider's answer, in contract order
     * @param <Q>      request type
     * @param <R>      answer type
     * @return {@code Succeeded} with those fields, or {@code ProviderFailed} with the classified failure
     * @throws IllegalStateException when the provider failed in an unexpected way (a defect)
     */
    public static <Q, R> AdapterOutcome outcome(AdapterConfig config, Provider<Q, R> provider, Q request,
                                                Effects effects, Function<R, Map<String, Object>> fields) {
        R answer;
        try {
            answer = call(provider, request, effects, config.timeout());
        } catch (ProviderFailedException e) {
            return new AdapterOutcome.ProviderFailed(config.provider(), e.failure());
        }
        return new AdapterOutcome.Succeeded(config.provider(), fields.apply(answer));
    }

    /**
     * @param provider the provider
     * @param request  what to send
     * @param effects  the execution's writes; closed when the call ends, emptied when it times out
     * @param timeout  the longest the call may take
     * @param <Q>      request type
     * @param <R>      answer type
     * @return the provider's answer
     * @throws ProviderFailedException when the provider failed in a classified way
     * @throws IllegalStateException   when it failed in an unexpected way (a defect)
     */
    public static <Q, R> R call(Provider<Q, R> provider, Q request, Effects effects, Duration timeout)
            throws ProviderFailedException {
        var answer = new CompletableFuture<R>();
        Thread worker = Thread.ofVirtual().name("provider-call").start(() -> {
            try {
                answer.complete(provider.call(request, effects));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            R reply = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            effects.close();
            return reply;
        } catch (TimeoutException e) {
            effects.discard();
            worker.interrupt();
            throw new ProviderFailedException(ProviderFailure.unavailable(
                    "The provider did not answer within " + timeout.toMillis() + " ms."));
        } catch (InterruptedException e) {
            effects.discard();
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new ProviderFailedException(ProviderFailure.unavailable("The provider call was interrupted."));
        } catch (ExecutionException e) {
            effects.close();
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
