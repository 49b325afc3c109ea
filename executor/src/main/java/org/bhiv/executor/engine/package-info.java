/**
 * The execution engine: picks the adapter named by {@code payload.action_type} from the
 * {@link org.bhiv.executor.engine.AdapterRegistry}, runs it, and turns its outcome into the
 * {@code execution_result} envelope of the contract (section 3.1 step 6). Knows nothing of HTTP.
 */
package org.bhiv.executor.engine;
