package org.bhiv.server;

/**
 * Makes a caller-supplied value safe for one log line: line breaks and other control
 * characters become {@code _}, and long values are cut, so a request cannot forge log lines
 * or flood the log.
 */
public final class LogSafe {

    private static final int MAX_LENGTH = 256;

    private LogSafe() {
    }

    /**
     * @param value a value from a request, may be {@code null}
     * @return the value with control characters replaced, at most 256 characters (plus an ellipsis)
     */
    public static String value(String value) {
        if (value == null) {
            return "-";
        }
        var sb = new StringBuilder(Math.min(value.length(), MAX_LENGTH + 1));
        for (int i = 0; i < value.length() && i < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '_' : c);
        }
        if (value.length() > MAX_LENGTH) {
            sb.append('…');
        }
        return sb.toString();
    }
}
