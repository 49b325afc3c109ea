package org.bhiv.bridge;

/**
 * A snapshot of a {@link WorkflowClient}'s counters since it was built. Every call ends in
 * exactly one of {@code delivered}, {@code rejected}, {@code unavailable} or {@code dropped};
 * {@code sent} counts the calls that went to the network (so locally refused and dropped
 * calls are not in it), {@code retried} counts extra attempts, and {@code inFlight} is the
 * number of calls in progress now. Immutable.
 *
 * @param sent        calls put on the wire (each counted once, however many attempts)
 * @param delivered   calls the executor answered 2xx
 * @param rejected    calls refused with a 4xx, or locally for invalid arguments
 * @param unavailable calls that ended without a verdict (connection, timeout, 5xx, unreadable answer, closed)
 * @param dropped     calls refused because {@code maxInFlight} calls were in progress
 * @param retried     extra attempts made after a connection failure, timeout or 503
 * @param inFlight    calls in progress at the time of the snapshot
 */
public record WorkflowStats(long sent, long delivered, long rejected, long unavailable, long dropped,
                            long retried, int inFlight) {

    /**
     * Calls that ended without a 2xx verdict and were not dropped.
     *
     * @return rejected plus unavailable
     */
    public long failed() {
        return rejected + unavailable;
    }
}
