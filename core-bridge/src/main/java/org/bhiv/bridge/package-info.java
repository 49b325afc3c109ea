/**
 * core-bridge: what Core imports to fire a workflow at the Workflow Executor and forget it.
 *
 * <p>The public surface is small: {@link org.bhiv.bridge.WorkflowClient} (built once with
 * {@link org.bhiv.bridge.WorkflowClient#builder()} and shared), the outcomes it reports
 * ({@link org.bhiv.bridge.WorkflowOutcome}, a sealed interface, and the executor's
 * {@link org.bhiv.bridge.ExecutorProblem}), its counters ({@link org.bhiv.bridge.WorkflowStats}),
 * and {@link org.bhiv.bridge.WorkflowTrigger}, which turns an agent's result map into a call.
 * Everything in {@code org.bhiv.bridge.internal} is implementation and may change.
 *
 * <p>The contract, in one sentence: a call returns at once, never throws, never blocks the
 * caller, never takes more than the configured timeout (at most 2 s, retries included), and
 * never lets work pile up (past the in-flight bound calls are dropped and counted).
 *
 * <p>Dependencies: the JDK's {@code java.net.http} client and jackson-databind, nothing
 * server-side.
 */
package org.bhiv.bridge;
