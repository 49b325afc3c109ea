package org.bhiv.executor.execution;

import java.util.regex.Pattern;

/**
 * The one notion of an execution's action type, seen three ways, each for one reader.
 *
 * @param requested what the caller sent as {@code payload.action_type}, {@code null} when it is
 *                  missing or not a string; only the log shows it (sanitised there)
 * @param recorded  what the store and the integration events keep: the caller's text when it
 *                  could name an adapter (1..64 of {@code a-z 0-9 _ - .}), {@code null} when
 *                  missing or blank, else {@code unsupported}; so any action_type is stored
 *                  without ever reaching Bucket or Karma as text they must refuse
 * @param metered   the metric tag: a supported action type, {@code none} when missing,
 *                  {@code unsupported} when no adapter has it (never raw caller input)
 */
public record ActionType(String requested, String recorded, String metered) {

    private static final Pattern SAFE = Pattern.compile("[a-z0-9_.-]{1,64}");

    /**
     * @param requested the caller's {@code payload.action_type}, {@code null} when not a string
     * @param metered   the engine's verdict: a supported type, {@code none} or {@code unsupported}
     * @return the action type
     */
    public static ActionType of(String requested, String metered) {
        String recorded;
        if (requested == null || requested.isBlank()) {
            recorded = null;
        } else {
            recorded = SAFE.matcher(requested).matches() ? requested : "unsupported";
        }
        return new ActionType(requested, recorded, metered);
    }
}
