/**
 * Karma stand-in.
 */
package org.bhiv.karma;
