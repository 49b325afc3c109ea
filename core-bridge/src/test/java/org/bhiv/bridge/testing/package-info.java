/**
 * Real servers for fault injection in the bridge's tests: a fake executor that answers like
 * the contract, a server that hangs, a proxy that resets the first connection, a closed port.
 */
package org.bhiv.bridge.testing;
