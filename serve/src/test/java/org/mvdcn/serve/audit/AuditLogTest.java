package org.mvdcn.serve.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>();

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void eachEventIsOneJsonLineInItsDaysFileAndHostileTextStaysInsideItsField(@TempDir Path dir) throws Exception {
        SettableClock clock = new SettableClock();
        clock.now.set(Instant.parse("2026-12-06T23:59:59Z"));
        AuditLog audit = new AuditLog(dir, clock);
        audit.record(new AuditLog.Event("10.0.0.7", "bearer 1a2b3c4d", "1.2.3", "GET /api/studies/1.2.3", "200", null));
        audit.record(new AuditLog.Event("EVIL\n{\"forged\":true}@10.0.0.8", null, null, "object", "refused", "x".repeat(5000)));
        clock.now.set(Instant.parse("2026-12-07T00:00:01Z"));
        audit.record(new AuditLog.Event(null, null, "1.2.3", "computed", "done", "2.1 s"));
        audit.close();

        List<String> first = Files.readAllLines(dir.resolve("2026-12-06.jsonl"));
        assertThat(first).hasSize(2);
        JsonNode access = JSON.readTree(first.get(0));
        assertThat(access.path("time").asText()).isEqualTo("2026-12-06T23:59:59Z");
        assertThat(access.path("remote").asText()).isEqualTo("10.0.0.7");
        assertThat(access.path("token").asText()).isEqualTo("bearer 1a2b3c4d");
        assertThat(access.path("study").asText()).isEqualTo("1.2.3");
        assertThat(access.path("action").asText()).isEqualTo("GET /api/studies/1.2.3");
        assertThat(access.path("outcome").asText()).isEqualTo("200");
        JsonNode refused = JSON.readTree(first.get(1));
        assertThat(refused.path("remote").asText()).startsWith("EVIL\n{\"forged\"");
        assertThat(refused.has("forged")).isFalse();
        assertThat(refused.path("detail").asText()).hasSize(1003);
        assertThat(Files.readAllLines(dir.resolve("2026-12-07.jsonl"))).singleElement()
                .satisfies(l -> assertThat(JSON.readTree(l).path("action").asText()).isEqualTo("computed"));
    }

    @Test
    void linesFromManyThreadsNeverInterleaveAndAReopenedLogAppends(@TempDir Path dir) throws Exception {
        SettableClock clock = new SettableClock();
        clock.now.set(Instant.parse("2026-12-06T12:00:00Z"));
        AuditLog audit = new AuditLog(dir, clock);
        audit.record(new AuditLog.Event("before", null, null, "start", "ok", null));
        audit.close();
        AuditLog reopened = new AuditLog(dir, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            int n = i;
            pool.execute(() -> reopened.record(new AuditLog.Event("t" + n, null, null, "GET /metrics", "200", "y".repeat(900))));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        reopened.close();
        List<String> lines = Files.readAllLines(dir.resolve("2026-12-06.jsonl"));
        assertThat(lines).hasSize(401);
        assertThat(JSON.readTree(lines.get(0)).path("remote").asText()).isEqualTo("before");
        for (String l : lines) {
            assertThat(JSON.readTree(l).path("outcome").asText()).isIn("ok", "200");
        }
    }
}
