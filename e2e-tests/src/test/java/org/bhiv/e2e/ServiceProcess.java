package org.bhiv.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code <module>/target/<module>.jar}) as a child JVM with the stack's
 * tokens, so that a test can kill it the way a crash does ({@link Process#destroyForcibly()}:
 * SIGKILL, no shutdown hook, nothing flushed) and start it again on the same data directory.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final String name;
    private final int port;
    private final String healthPath;

    private ServiceProcess(Process process, String name, int port, String healthPath) {
        this.process = process;
        this.name = name;
        this.port = port;
        this.healthPath = healthPath;
    }

    /**
     * The executor with its store in {@code dataDir} and its sinks at the given URLs, once
     * {@code /healthz} answers 200.
     *
     * @param settings more config, as {@code key=value}
     */
    static ServiceProcess executor(Path dataDir, String bucketUrl, String karmaUrl, String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of(
                "executor.store.data-dir=" + dataDir.resolve("store"),
                "integrations.bucket.url=" + bucketUrl, "integrations.bucket.token=" + Stack.EXECUTOR_TOKEN,
                "integrations.karma.url=" + karmaUrl, "integrations.karma.token=" + Stack.EXECUTOR_TOKEN,
                "integrations.backoff.max=PT0.5S"));
        all.addAll(List.of(settings));
        return start("executor", "/healthz", "-Xmx160m", dataDir, all); // as bin/stack runs it
    }

    /** The Bucket stand-in with its journal in {@code dataDir}, once {@code /health} answers 200. */
    static ServiceProcess bucket(Path dataDir) throws Exception {
        return start("stubs-bucket", "/health", "-Xmx256m", dataDir,
                List.of("bucket.journal=" + dataDir.resolve("bucket/journal.jsonl")));
    }

    private static ServiceProcess start(String module, String healthPath, String heap, Path dataDir,
                                        List<String> settings) throws Exception {
        int port = freePort();
        Path jar = Repo.root().resolve(module + "/target/" + module + ".jar");
        String java = ProcessHandle.current().info().command().orElse("java"); // the test JVM: a JDK >= 21
        List<String> command = new ArrayList<>(List.of(java, heap,
                "-Dserver.port=" + port,
                "-Dlogging.file=" + dataDir.resolve(module + ".log"),
                "-Dsecurity.tokens.0.token=" + Stack.CORE_TOKEN, "-Dsecurity.tokens.0.identity=bhiv_core",
                "-Dsecurity.tokens.1.token=" + Stack.EXECUTOR_TOKEN, "-Dsecurity.tokens.1.identity=workflow_executor",
                "-Dsecurity.tokens.2.token=" + Stack.OPERATOR_TOKEN, "-Dsecurity.tokens.2.identity=operator"));
        for (String setting : settings) {
            command.add("-D" + setting);
        }
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(module + ".out").toFile())
                .start();
        var service = new ServiceProcess(process, module, port, healthPath);
        service.awaitHealthy();
        return service;
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** Kills the JVM at once (SIGKILL) and waits until it is gone. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die within 10 s of SIGKILL");
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
                throw new IllegalStateException(name + " exited during start-up with " + process.exitValue());
            }
            try {
                if (Http.get(url() + healthPath, null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not answer " + healthPath + " within " + START_DEADLINE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
