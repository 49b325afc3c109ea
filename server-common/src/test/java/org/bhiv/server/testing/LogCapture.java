package org.bhiv.server.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records every log line at every level (FINEST included) while open: message, parameters and
 * the whole stack trace with causes and suppressed exceptions, so a test can assert that some
 * text never reaches a log.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final String[] LOGGERS = {"", "io.helidon", "org.bhiv"};

    private final List<String> lines = new ArrayList<>();
    private final List<Level> saved = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /** @return a capture that records from now on */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            capture.saved.add(logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " " + record.getMessage());
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                line.append(' ').append(p);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    /** @return every line recorded so far */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return the lines containing {@code text} */
    public synchronized List<String> linesContaining(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        for (int i = 0; i < LOGGERS.length; i++) {
            Logger.getLogger(LOGGERS[i]).setLevel(saved.get(i));
        }
    }
}
