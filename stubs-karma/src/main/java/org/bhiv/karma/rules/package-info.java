/**
 * Karma's rules: the reward table, the escalating cheat penalty, merit and the role thresholds,
 * with the actions and roles they speak of.
 */
package org.bhiv.karma.rules;
