/**
 * Karma stand-in (section 6 of the contracts): wiring, config, health and Karma's error
 * envelope. The rules are in {@code rules}, the accounts in {@code ledger}, the HTTP resources
 * in {@code api}. See {@code docs/stubs.md}.
 */
package org.bhiv.karma;
