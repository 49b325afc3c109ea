package org.bhiv.executor.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    @Test
    void embeddedH2FileIsCreatedAndMigrated(@TempDir Path dir) throws Exception {
        var config = new StoreConfig("", dir, "", "", 2, Duration.ofSeconds(2));
        try (Database db = Database.open(config)) {
            assertThat(db.kind()).isEqualTo("h2");
            assertThat(db.ping()).isTrue();
            assertThat(schemaName(db)).isEqualTo("bhiv-workflow-executor");
        }
        assertThat(dir.resolve("executor.mv.db")).exists();
        // opening again migrates nothing twice
        try (Database db = Database.open(config)) {
            assertThat(schemaName(db)).isEqualTo("bhiv-workflow-executor");
        }
    }

    @Test
    void realPostgresqlIsMigratedByTheSameScripts() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            var config = new StoreConfig(url, Path.of("unused"), "postgres", "postgres", 2, Duration.ofSeconds(5));
            try (Database db = Database.open(config)) {
                assertThat(db.kind()).isEqualTo("postgresql");
                assertThat(schemaName(db)).isEqualTo("bhiv-workflow-executor");
            }
        }
    }

    private static String schemaName(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT info_value FROM store_info WHERE info_key = 'schema'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
