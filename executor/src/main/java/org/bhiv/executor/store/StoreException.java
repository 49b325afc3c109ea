package org.bhiv.executor.store;

import java.sql.SQLException;

/**
 * The executor's store could not do an operation (database down, pool exhausted, SQL error).
 * Its message names the operation; its cause is the driver's exception.
 */
public final class StoreException extends RuntimeException {

    private StoreException(String message, SQLException cause) {
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
}
