package org.bhiv.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged executor ({@code executor/target/executor.jar}) as a child JVM, so that a test can
 * kill it the way a crash does ({@link Process#destroyForcibly()}: SIGKILL, no shutdown hook,
 * nothing flushed) and start it again on the same data directory.
 */
final class ExecutorProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final int port;

    private ExecutorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the jar with the stack's tokens, its store in {@code dataDir} and its sinks at the
     * given URLs, and waits until {@code /healthz} answers 200.
     *
     * @param settings more config, as {@code key=value}
     */
    static ExecutorProcess start(Path dataDir, String bucketUrl, String karmaUrl, String... settings) throws Exception {
        int port = freePort();
        Path jar = Repo.root().resolve("executor/target/executor.jar");
        String java = ProcessHandle.current().info().command().orElse("java"); // the test JVM: a JDK >= 21
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-Dserver.port=" + port,
                "-Dlogging.file=" + dataDir.resolve("executor.log"),
                "-Dexecutor.store.data-dir=" + dataDir.resolve("store"),
                "-Dintegrations.bucket.url=" + bucketUrl, "-Dintegrations.bucket.token=" + Stack.EXECUTOR_TOKEN,
                "-Dintegrations.karma.url=" + karmaUrl, "-Dintegrations.karma.token=" + Stack.EXECUTOR_TOKEN,
                "-Dintegrations.backoff.max=PT0.5S",
                "-Dsecurity.tokens.0.token=" + Stack.CORE_TOKEN, "-Dsecurity.tokens.0.identity=bhiv_core",
                "-Dsecurity.tokens.1.token=" + Stack.EXECUTOR_TOKEN, "-Dsecurity.tokens.1.identity=workflow_executor",
                "-Dsecurity.tokens.2.token=" + Stack.OPERATOR_TOKEN, "-Dsecurity.tokens.2.identity=operator"));
        for (String setting : settings) {
            command.add("-D" + setting);
        }
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("executor.out").toFile())
                .start();
        var executor = new ExecutorProcess(process, port);
        executor.awaitHealthy();
        return executor;
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** Kills the JVM at once (SIGKILL) and waits until it is gone. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The executor did not die within 10 s of SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            crash();
        }
    }

    private void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The executor exited during start-up with " + process.exitValue());
            }
            try {
                if (Http.get(url() + "/healthz", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The executor did not answer /healthz within " + START_DEADLINE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
