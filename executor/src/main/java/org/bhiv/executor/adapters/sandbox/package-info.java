/**
 * The sandbox: the default provider of every adapter. {@link org.bhiv.executor.adapters.sandbox.SandboxProvider}
 * makes no network call, answers deterministically, fails on purpose when configured to
 * ({@link org.bhiv.executor.adapters.sandbox.SandboxFaults}), and records each would-be send with
 * its execution, served by {@code GET /api/sandbox/{trace_id}} ({@link org.bhiv.executor.adapters.sandbox.SandboxService}).
 */
package org.bhiv.executor.adapters.sandbox;
