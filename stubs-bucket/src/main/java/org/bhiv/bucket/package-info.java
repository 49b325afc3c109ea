/**
 * Bucket stand-in (section 5 of the contracts): wiring, config and health. The audit trail is
 * in {@code audit}, its HTTP resources in {@code core}, PRANA telemetry in {@code prana} and
 * fault injection in {@code faults}. See {@code docs/stubs.md}.
 */
package org.bhiv.bucket;
