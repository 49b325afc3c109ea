/**
 * Core stand-in.
 */
package org.bhiv.core;
