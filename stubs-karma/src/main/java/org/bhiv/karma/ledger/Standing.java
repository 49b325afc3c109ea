package org.bhiv.karma.ledger;

import org.bhiv.karma.rules.Balances;

/**
 * What an answer to an applied event says about the user: less than {@link UserView}, so that
 * answering an event does not copy the user's history.
 *
 * @param userId     the user
 * @param role       computed from merit
 * @param meritScore Dharma x 1.0 + Seva x 1.2 + Punya x 3.0
 * @param balances   the three balances
 */
public record Standing(String userId, String role, double meritScore, Balances balances) {
}
