/**
 * Workflow Executor.
 */
package org.bhiv.executor;
