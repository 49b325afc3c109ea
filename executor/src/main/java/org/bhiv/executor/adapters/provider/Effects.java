package org.bhiv.executor.adapters.provider;

import java.util.ArrayList;
import java.util.List;

import org.bhiv.executor.store.TransactionalWrite;

/**
 * The writes one execution makes to the executor's own database (a task, a sandbox record).
 * They are not committed on their own: the pipeline commits them in the transaction that
 * stores the execution and enqueues its events, so an action recorded here and its execution
 * are stored together or not at all, with one commit. A provider adds to it while its call
 * runs; once the call has ended (answered, failed or timed out) nothing more is accepted.
 * Thread-safe: the provider runs on its own thread.
 */
public final class Effects {

    private final List<TransactionalWrite> writes = new ArrayList<>();
    private boolean closed;

    /**
     * @param write one more write of this execution
     * @throws IllegalStateException when the provider call has ended (a late write of a call
     *                               that timed out is never committed)
     */
    public synchronized void add(TransactionalWrite write) {
        if (closed) {
            throw new IllegalStateException("The provider call has ended; its late write is dropped");
        }
        writes.add(write);
    }

    /** Accepts nothing more; what was added stays. */
    synchronized void close() {
        closed = true;
    }

    /** Accepts nothing more and forgets what was added (the call timed out: its writes are not trusted). */
    synchronized void discard() {
        closed = true;
        writes.clear();
    }

    /** @return every write added, as one write to run in the execution's transaction */
    public synchronized TransactionalWrite asWrite() {
        List<TransactionalWrite> all = List.copyOf(writes);
        return connection -> {
            for (TransactionalWrite write : all) {
                write.write(connection);
            }
        };
    }
}
