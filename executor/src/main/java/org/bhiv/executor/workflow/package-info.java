/**
 * {@code POST /api/workflow/execute}: {@link org.bhiv.executor.workflow.WorkflowService} does
 * the HTTP part (auth, body, shape validation, skipped decisions) and hands a validated
 * {@link org.bhiv.executor.workflow.WorkflowRequest} to a
 * {@link org.bhiv.executor.workflow.WorkflowExecutor}, the seam that idempotency and the
 * outbox wrap. {@link org.bhiv.executor.workflow.WorkflowExecutions} is the innermost one: it
 * runs the engine, logs, counts and measures.
 */
package org.bhiv.executor.workflow;
