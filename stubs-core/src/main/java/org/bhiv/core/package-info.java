/**
 * Core stand-in (contracts 7): turns a user request into a decision with a small rule set
 * ({@link org.bhiv.core.DecisionRules}), fires the workflow through core-bridge without
 * waiting for it, records an {@code agent_result} event in Bucket, and reports the bridge's
 * counters in {@code /health}.
 */
package org.bhiv.core;
