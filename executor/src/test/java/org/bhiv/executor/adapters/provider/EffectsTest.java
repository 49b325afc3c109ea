package org.bhiv.executor.adapters.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a provider writes through {@link Effects} during {@link ProviderCalls#call}: kept when the
 * call answers, discarded when it times out, and refused once the call has ended.
 */
class EffectsTest {

    private final List<String> committed = new CopyOnWriteArrayList<>();

    @Test
    void writesOfACallThatAnsweredAreCommittedAndLaterOnesRefused() throws Exception {
        var effects = new Effects();
        String answer = ProviderCalls.call((String request, Effects e) -> {
            e.add(c -> committed.add(request));
            return "sent";
        }, "task-1", effects, Duration.ofSeconds(2));

        assertThat(answer).isEqualTo("sent");
        assertThatThrownBy(() -> effects.add(c -> committed.add("late"))).isInstanceOf(IllegalStateException.class);
        effects.asWrite().write(null);
        assertThat(committed).containsExactly("task-1");
    }

    @Test
    void writesOfACallThatTimedOutAreDiscardedAndItsLateWritesRefused() throws Exception {
        var effects = new Effects();
        var release = new CountDownLatch(1);
        var lateWrite = new AtomicReference<Throwable>();
        var lateTried = new CountDownLatch(1);

        assertThatThrownBy(() -> ProviderCalls.call((String request, Effects e) -> {
            e.add(c -> committed.add("before the timeout"));
            try {
                release.await(); // interrupted by the timeout
            } catch (InterruptedException interrupted) {
                try {
                    e.add(c -> committed.add("after the timeout"));
                } catch (IllegalStateException refused) {
                    lateWrite.set(refused);
                }
                lateTried.countDown();
            }
            return "too late";
        }, "task-2", effects, Duration.ofMillis(100)))
                .isInstanceOf(ProviderCalls.ProviderFailedException.class)
                .satisfies(e -> assertThat(((ProviderCalls.ProviderFailedException) e).failure().errorCode())
                        .isEqualTo(ProviderFailure.UNAVAILABLE));

        assertThat(lateTried.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lateWrite.get()).isInstanceOf(IllegalStateException.class);
        effects.asWrite().write(null);
        assertThat(committed).isEmpty();
    }
}
