package org.bhiv.executor.store;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The execution store's contract on the embedded H2 file database. */
class H2ExecutionStoreTest extends ExecutionStoreContract {

    @TempDir
    static Path dir;
    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(new StoreConfig("", dir, "", "", 10, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    Database database() {
        return db;
    }
}
