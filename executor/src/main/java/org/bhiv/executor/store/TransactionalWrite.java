package org.bhiv.executor.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * More writes that must commit or roll back together with a store operation, such as the
 * outbox events of an execution. Runs on the store's connection, inside its open transaction;
 * it must neither commit, roll back nor close the connection.
 */
@FunctionalInterface
public interface TransactionalWrite {

    /**
     * @param connection the connection of the open transaction
     * @throws SQLException to roll the whole transaction back
     */
    void write(Connection connection) throws SQLException;

    /** @return a write that writes nothing */
    static TransactionalWrite none() {
        return connection -> {
        };
    }
}
