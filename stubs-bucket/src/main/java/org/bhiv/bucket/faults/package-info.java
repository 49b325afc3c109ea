/**
 * Fault injection for tests and demos: an operator makes {@code POST /core/write-event} slow
 * or failing through {@code /admin/faults}.
 */
package org.bhiv.bucket.faults;
