/**
 * Bucket stand-in.
 */
package org.bhiv.bucket;
