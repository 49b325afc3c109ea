/**
 * W3C Trace Context for BHIV decisions: one rule, {@link org.bhiv.trace.TraceContext#traceIdOf},
 * so that Core's call through core-bridge, the executor and its Bucket and Karma deliveries
 * share one W3C trace for one decision, whoever starts it and whether a {@code traceparent}
 * was sent or not.
 */
package org.bhiv.trace;
