/**
 * {@code GET /api/workflow/executions/{trace_id}} (contracts 3.5): what happened to one decision,
 * its executions from the store and the delivery of their integration events.
 */
package org.bhiv.executor.executions;
