/**
 * The lossless integration outbox: the Bucket and Karma events of a completed execution
 * ({@link org.bhiv.executor.outbox.IntegrationEvents}), written in the caller's transaction
 * ({@link org.bhiv.executor.outbox.Outbox}) and delivered in the background with retries,
 * backoff, sink pauses and multi-replica claims ({@link org.bhiv.executor.outbox.OutboxDispatcher}).
 * Design notes: {@code docs/outbox.md}.
 */
package org.bhiv.executor.outbox;
