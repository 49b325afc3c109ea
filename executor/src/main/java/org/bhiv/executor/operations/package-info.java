/**
 * What operators and the console need beside the execute path: the latest executions filtered
 * and paged ({@code GET /api/workflow/executions}), the outbox's dead events (list, redeliver one,
 * redeliver all that match) and the dead-letter depth gauge. Reads and moves rows only through
 * the store's {@code ExecutionQueries} and {@code DeadEvents}; never runs an action.
 */
package org.bhiv.executor.operations;
