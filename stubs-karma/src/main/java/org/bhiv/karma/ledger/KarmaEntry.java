package org.bhiv.karma.ledger;

import org.bhiv.karma.rules.Action;
import org.bhiv.karma.rules.Role;

/**
 * One behaviour to apply to a user's karma.
 *
 * @param eventId     the sender's event id for dedup ({@code data.metadata.event_id}), may be {@code null}
 * @param userId      whose karma
 * @param action      what they did
 * @param claimedRole the role the request names (recorded; the user's role is computed from merit)
 * @param traceId     the trace it belongs to, may be {@code null}
 * @param source      who reported it
 * @param writer      the proven identity that sent it; event ids are unique per writer, never across writers
 */
public record KarmaEntry(String eventId, String userId, Action action, Role claimedRole, String traceId, String source,
                         String writer) {
}
