package org.bhiv.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The stack as a newcomer starts it: {@code bin/stack} running the packaged jars as five
 * processes, here on free ports and with private run, log and data directories, so a stack a
 * developer runs on the default ports is not touched. Services are named by their index in
 * {@link #SERVICES}.
 */
final class LauncherStack {

    static final int KARMA = 0;
    static final int BUCKET = 1;
    static final int CORE = 2;
    static final int EXECUTOR = 3;
    static final int CONSOLE = 4;
    /** The services in index order, as {@code bin/stack} names their pid files. */
    static final List<String> SERVICES = List.of("karma", "bucket", "core", "executor", "console");
    private static final List<String> PORT_VARIABLES =
            List.of("KARMA_PORT", "BUCKET_PORT", "CORE_PORT", "EXECUTOR_PORT", "CONSOLE_PORT");

    /** What one {@code bin/stack} command did. */
    record Result(int exit, String output) {
    }

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final List<Integer> ports;
    private final Properties tokens = new Properties();

    private LauncherStack(Path dir) throws IOException {
        this.dir = dir;
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("STACK_NO_BUILD", "1");
        env.put("STACK_RUN_DIR", dir.resolve("run").toString());
        env.put("STACK_LOG_DIR", dir.resolve("logs").toString());
        env.put("STACK_DATA_DIR", dir.resolve("data").toString());
        ports = freePorts(SERVICES.size());
        for (int i = 0; i < ports.size(); i++) {
            env.put(PORT_VARIABLES.get(i), String.valueOf(ports.get(i)));
        }
    }

    /**
     * Runs {@code bin/stack start} in {@code dir} and reads the tokens it wrote.
     *
     * @param dir the run, log and data directories go under it
     * @return the started stack
     * @throws AssertionError when {@code bin/stack start} fails
     */
    static LauncherStack start(Path dir) throws IOException, InterruptedException {
        var stack = new LauncherStack(dir);
        Result started = stack.run("start");
        if (started.exit() != 0) {
            throw new AssertionError("bin/stack start exited " + started.exit() + ":\n" + started.output());
        }
        try (var in = Files.newBufferedReader(dir.resolve("run/tokens.env"))) {
            stack.tokens.load(in);
        }
        return stack;
    }

    /** Runs {@code bin/stack <args>} against this stack (at most 120 s) and prints what it said. */
    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Repo.root().resolve("bin/stack").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "stack-" + args[0], ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/stack " + String.join(" ", args) + " did not finish within 120 s");
        }
        String output = Files.readString(log);
        System.out.println("$ bin/stack " + String.join(" ", args) + "\n" + output);
        return new Result(process.exitValue(), output);
    }

    /** @return the pid {@code bin/stack} recorded for the service */
    long pid(int service) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("run/" + SERVICES.get(service) + ".pid")).strip());
    }

    int port(int service) {
        return ports.get(service);
    }

    List<Integer> ports() {
        return ports;
    }

    String url(int service, String path) {
        return "http://localhost:" + ports.get(service) + path;
    }

    /** @return a token of {@code run/tokens.env}, e.g. {@code OPERATOR_TOKEN} */
    String token(String name) {
        return tokens.getProperty(name);
    }

    /** @return where the run, log and data directories are */
    Path dir() {
        return dir;
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
