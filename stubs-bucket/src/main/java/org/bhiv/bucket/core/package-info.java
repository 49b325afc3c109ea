/**
 * The HTTP resources under {@code /core}: writing events (writers only), reading them, stats,
 * an agent's context and the audit verification (READ), and the 405 answers that keep the
 * trail append-only.
 */
package org.bhiv.bucket.core;
