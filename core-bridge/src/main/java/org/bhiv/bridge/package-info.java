/**
 * core-bridge: what Core imports to fire a workflow at the Workflow Executor and forget it.
 */
package org.bhiv.bridge;
