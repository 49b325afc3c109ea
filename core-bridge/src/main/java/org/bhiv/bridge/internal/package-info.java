/**
 * The implementation behind {@link org.bhiv.bridge.WorkflowClient}: settings validation, the
 * delivery loop with its deadline and retries, the wire format, counters. Not API: public
 * only because Java packages require it; it may change in any release.
 */
package org.bhiv.bridge.internal;
