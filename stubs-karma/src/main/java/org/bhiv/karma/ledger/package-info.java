/**
 * The karma ledger: one bounded in-memory account per user, dedup of redelivered events, and
 * the views the API answers with.
 */
package org.bhiv.karma.ledger;
