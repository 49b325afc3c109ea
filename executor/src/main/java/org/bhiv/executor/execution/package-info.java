/**
 * The typed record of one execution ({@link org.bhiv.executor.execution.Execution}), built once
 * by the pipeline from the engine's outcome and read, never rebuilt, by the answer, the store
 * and the outbox.
 */
package org.bhiv.executor.execution;
