package org.bhiv.executor;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.bhiv.executor.TestExecutor.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bhiv.executor.IdempotencyHttpTest.executions;
import static org.bhiv.executor.IdempotencyHttpTest.task;
import static org.bhiv.executor.IdempotencyHttpTest.workflows;

/**
 * Contracts 3.4's multi-replica guarantee: two executor processes (two servers, two connection
 * pools) sharing one real PostgreSQL run the adapter exactly once per key, and each replays what
 * the other stored.
 */
class MultiReplicaIdempotencyTest {

    private static EmbeddedPostgres pg;
    private static TestExecutor replicaA;
    private static TestExecutor replicaB;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.start();
        Map<String, String> shared = Map.of(
                "executor.store.url", pg.getJdbcUrl("postgres", "postgres"),
                "executor.store.user", "postgres",
                "executor.store.password", "postgres");
        replicaA = TestExecutor.start(shared);
        replicaB = TestExecutor.start(shared);
    }

    @AfterAll
    static void stop() throws IOException {
        replicaA.close();
        replicaB.close();
        pg.close();
    }

    @Test
    void bothReplicasReportThePostgresqlStore() {
        for (TestExecutor replica : List.of(replicaA, replicaB)) {
            Answer health = replica.get("/healthz");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("store").path("kind").asText()).isEqualTo("postgresql");
            assertThat(health.json().path("store").path("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void hundredConcurrentDuplicatesAcrossTwoReplicasRunTheAdapterExactlyOnce() throws Exception {
        long before = workflows(replicaA).path("success").asLong() + workflows(replicaB).path("success").asLong();
        String body = task("replicas-hundred", "Only once across replicas");

        List<Answer> answers = Concurrently.run(100, i -> (i % 2 == 0 ? replicaA : replicaB).execute(body));

        assertThat(answers).extracting(Answer::status).isSubsetOf(200, 409);
        List<Answer> fresh = answers.stream()
                .filter(a -> a.status() == 200 && a.headers().firstValue("Idempotent-Replayed").isEmpty()).toList();
        assertThat(fresh).hasSize(1);
        long after = workflows(replicaA).path("success").asLong() + workflows(replicaB).path("success").asLong();
        assertThat(after - before).isEqualTo(1);
        assertThat(executions(replicaA, "replicas-hundred")).hasSize(1);
        assertThat(executions(replicaB, "replicas-hundred")).hasSize(1);
    }

    @Test
    void answerStoredByOneReplicaIsReplayedIdenticallyByTheOther() {
        String body = task("replicas-replay", "Stored by A");

        Answer first = replicaA.execute(body);
        Answer replay = replicaB.execute(body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replay.text()).isEqualTo(first.text());
        Answer task = replicaB.get("/api/tasks/" + first.json().path("execution_result").path("task_id").asText());
        assertThat(task.status()).isEqualTo(200);
        assertThat(task.json().path("title").asText()).isEqualTo("Stored by A");
    }
}
