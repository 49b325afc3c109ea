package org.bhiv.executor.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sql.DataSource;

/**
 * Commits the write transactions of many threads together: one writer thread takes every write
 * that is waiting, runs each in its own savepoint of one transaction, commits once and then
 * answers every caller. A caller returns only after its write is committed (durable as the
 * database makes commits durable, {@code docs/executor-store.md}), yet concurrent callers share
 * one commit, which is what makes a durable commit per request affordable. A write that fails
 * rolls back to its savepoint and fails alone; a failed commit fails the whole batch.
 */
final class GroupCommit implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(GroupCommit.class.getName());
    /** Writes per transaction at most: bounds the time one batch holds its locks. */
    private static final int MAX_BATCH = 256;

    private record Pending(String operation, Transactions.Work<?> work, CompletableFuture<Object> answer) {
    }

    private final DataSource dataSource;
    private final String syncStatement;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param dataSource    the pooled database
     * @param syncStatement run after each commit to force it to the disk ({@code CHECKPOINT SYNC} on H2), or null
     */
    GroupCommit(DataSource dataSource, String syncStatement) {
        this.dataSource = dataSource;
        this.syncStatement = syncStatement;
        this.writer = Thread.ofPlatform().daemon().name("store-group-commit").start(this::run);
    }

    /**
     * Runs {@code work} in the next batch and waits until that batch committed.
     *
     * @throws StoreException when the work, the commit or the database fails, or the store is closed
     */
    @SuppressWarnings("unchecked")
    <T> T write(String operation, Transactions.Work<T> work) {
        if (closed) {
            throw StoreException.of(operation, new SQLException("The executor's store is closed"));
        }
        var pending = new Pending(operation, work, new CompletableFuture<>());
        queue.add(pending);
        try {
            return (T) pending.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreException.of(operation, new SQLException("Interrupted while waiting for the commit", e));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se : StoreException.of(operation, e.getCause());
        }
    }

    /** Commits what is queued, then stops the writer; later writes fail. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(drain(), new SQLException("The executor's store is closed"));
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            List<Pending> batch;
            try {
                batch = new ArrayList<>();
                batch.add(queue.take());
            } catch (InterruptedException e) {
                batch = drain();
                if (batch.isEmpty()) {
                    continue;
                }
            }
            queue.drainTo(batch, MAX_BATCH - batch.size());
            commit(batch);
        }
    }

    private void commit(List<Pending> batch) {
        List<Object> answers = new ArrayList<>(batch.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Pending p : batch) {
                    answers.add(runOne(c, p, batch.size() > 1));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
            sync(c);
        } catch (SQLException | RuntimeException e) {
            failAll(batch, e);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Object answer = answers.get(i);
            if (answer instanceof Failed failed) {
                batch.get(i).answer().completeExceptionally(failed.error());
            } else {
                batch.get(i).answer().complete(answer);
            }
        }
    }

    /** A write that failed alone: its savepoint was rolled back, the rest of the batch commits. */
    private record Failed(StoreException error) {
    }

    private static Object runOne(Connection c, Pending p, boolean isolate) throws SQLException {
        if (!isolate) {
            return p.work().run(c); // a lone write's failure rolls the transaction back and fails it
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            Object answer = p.work().run(c);
            c.releaseSavepoint(savepoint);
            return answer;
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            return new Failed(e instanceof StoreException se ? se : StoreException.of(p.operation(), e));
        }
    }

    private void sync(Connection c) throws SQLException {
        if (syncStatement != null) {
            try (Statement s = c.createStatement()) {
                s.execute(syncStatement);
            }
        }
    }

    private List<Pending> drain() {
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        return rest;
    }

    private static void failAll(List<Pending> batch, Exception cause) {
        if (!batch.isEmpty()) {
            LOGGER.log(Level.WARNING, "A store commit of " + batch.size() + " writes failed: " + cause);
        }
        for (Pending p : batch) {
            p.answer().completeExceptionally(StoreException.of(p.operation(), cause));
        }
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
