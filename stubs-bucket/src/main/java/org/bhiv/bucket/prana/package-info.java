/**
 * PRANA telemetry: validated ingest of attention packets from Gurukul and EMS front ends, kept
 * in a bounded buffer (oldest dropped first), and read back with filters.
 */
package org.bhiv.bucket.prana;
