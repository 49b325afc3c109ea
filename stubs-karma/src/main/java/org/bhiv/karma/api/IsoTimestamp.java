package org.bhiv.karma.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Whether text is an ISO-8601 date-time with offset, exactly as {@link OffsetDateTime#parse}
 * accepts it. The form clients send ({@code 2026-01-31T10:15:30.123Z}: a four-digit year,
 * seconds, up to nine fraction digits, {@code Z}) is checked by hand: the formatter cost about
 * 6 % of an event's CPU. Whatever that check does not accept goes to the formatter, so the
 * answer is always the formatter's.
 */
final class IsoTimestamp {

    private IsoTimestamp() {
    }

    /**
     * @param text any text
     * @return whether {@link OffsetDateTime#parse} accepts it
     */
    static boolean valid(String text) {
        return commonAndValid(text) || parses(text);
    }

    private static boolean parses(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in range; false means "ask the formatter". */
    private static boolean commonAndValid(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return false;
        }
        if (n > 20 && (t.charAt(19) != '.' || n - 21 < 1 || n - 21 > 9 || digits(t, 20, n - 1) < 0)) {
            return false;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return false;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** @return the ASCII digits from {@code from} to {@code to} as a number, -1 when one is not a digit */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
