package org.bhiv.cli;

/**
 * What {@code bin/stack trace} and {@code bin/stack send} exit with.
 */
enum ExitCode {
    /** Done: the trace was found, or the workflow succeeded. */
    OK(0),
    /** Answered, but not as hoped: nothing known of the trace, or the workflow failed or was refused. */
    NOT_OK(1),
    /** The command line itself is wrong. */
    USAGE(2),
    /** A service the command needs did not answer. */
    UNREACHABLE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
