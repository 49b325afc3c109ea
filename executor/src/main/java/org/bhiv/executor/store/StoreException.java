package org.bhiv.executor.store;

import java.sql.SQLException;

import org.bhiv.server.ProblemException;

/**
 * The executor's store could not do an operation (database down, pool exhausted, SQL error).
 * Its message names the operation; its cause is the driver's exception.
 */
public final class StoreException extends RuntimeException {

    private StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param operation what the store tried, e.g. "claim idempotency key"
     * @param cause     the driver's exception
     * @return the exception, to throw
     */
    public static StoreException of(String operation, SQLException cause) {
        return new StoreException("Executor store could not " + operation + " (SQLState "
                + cause.getSQLState() + ")", cause);
    }

    /**
     * @param operation what the store tried
     * @param cause     whatever failed (a driver's exception keeps its SQLState in the message)
     * @return the exception, to throw
     */
    public static StoreException of(String operation, Throwable cause) {
        return cause instanceof SQLException sql ? of(operation, sql)
                : new StoreException("Executor store could not " + operation + " (" + cause.getClass().getSimpleName() + ")", cause);
    }

    /**
     * @return what a request whose store work failed is answered: 503 {@code store_unavailable},
     *         {@code Retry-After: 1} (the store's own message stays in the log)
     */
    public static ProblemException unavailable() {
        return ProblemException.of(503, "store_unavailable", "The executor's store is unavailable; retry later.")
                .withHeader("Retry-After", "1");
    }
}
