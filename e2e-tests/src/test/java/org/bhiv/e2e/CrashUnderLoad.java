package org.bhiv.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * Sends requests to a packaged service from several threads and kills it (SIGKILL) as soon as
 * enough were answered, while the other threads' requests are still in flight: the crash tests'
 * way of crashing a service mid-load.
 */
final class CrashUnderLoad {

    /** One request of a sender's loop. */
    @FunctionalInterface
    interface Request {
        /**
         * Sends one request and records what it needs of the answer.
         *
         * @param crashed true once the service was killed (an answer read after that may be recorded as unanswered)
         * @return whether the request was answered (it counts towards the kill)
         * @throws RuntimeException when the connection failed (the service was killed meanwhile): the loop goes on
         */
        boolean send(BooleanSupplier crashed);
    }

    private CrashUnderLoad() {
    }

    /**
     * @param service the service to kill
     * @param threads senders
     * @param answers answered requests before the kill
     * @param request what each sender sends, over and over until the kill
     */
    static void run(ServiceProcess service, int threads, int answers, Request request) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean crashed = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                loops.add(senders.submit(() -> {
                    while (!crashed.get()) {
                        try {
                            if (request.send(crashed::get)) {
                                answered.incrementAndGet();
                            }
                        } catch (RuntimeException killedMeanwhile) {
                            // stays unanswered
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> answered.get() >= answers);
            service.crash();
            crashed.set(true);
            for (Future<?> loop : loops) {
                loop.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
