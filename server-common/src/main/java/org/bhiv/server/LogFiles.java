package org.bhiv.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Logger;

import io.helidon.config.Config;

/**
 * Adds a log file next to the console log: {@code logging.file} (default
 * {@code logs/<service>.log}, relative to the working directory), so that
 * {@code grep EXECUTION logs/*.log} works as in the original. An empty value turns it off.
 */
public final class LogFiles {

    private LogFiles() {
    }

    /**
     * Installs the file handler on the root logger.
     *
     * @param config  the root config
     * @param service the service's short name
     * @return the file written, or {@code null} when turned off
     */
    public static Path install(Config config, String service) {
        String file = config.get("logging.file").asString().orElse("logs/" + service + ".log").strip();
        if (file.isEmpty()) {
            return null;
        }
        Path path = Path.of(file).toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
            var handler = new FileHandler(path.toString(), true);
            handler.setFormatter(new UtcLogFormatter());
            handler.setEncoding("UTF-8");
            Logger.getLogger("").addHandler(handler);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open log file " + path, e);
        }
    }
}
