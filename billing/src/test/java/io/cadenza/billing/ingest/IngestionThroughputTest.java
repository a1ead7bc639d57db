package io.cadenza.billing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cadenza.billing.testing.BillingTestResources;
import io.cadenza.billing.testing.TestClock;
import io.cadenza.billing.testing.Usage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Ingestion rate, printed (benchmarks/ style): events published up front, then the time until billing has stored
 * them all. It also checks they are all there exactly once. The replay consumer ingests the same events
 * concurrently, so the figure is for two consumers sharing one database.
 */
@QuarkusTest
@QuarkusTestResource(BillingTestResources.class)
class IngestionThroughputTest {
    static final int EVENTS = Integer.getInteger("billing.bench.events", 20_000);

    @Inject
    AgroalDataSource db;
    @Inject
    TestClock clock;

    @Test
    void printsEventsPerSecondIngested() throws Exception {
        clock.set(Instant.parse("2026-12-03T12:00:00Z"));
        Instant at = Instant.parse("2026-12-03T09:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BillingTestResources.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5"),
                new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String ns = "ns" + (i % 8) + ".accbench";
                sent.add(producer.send(new ProducerRecord<>(BillingTestResources.TOPIC, ns, Usage.actions(
                        "bench/" + i, ns, "activity.started", 1, at.plusMillis(i)))));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            Usage.await("all benchmark events", java.time.Duration.ofMinutes(5), () -> count("SELECT count(*) FROM usage_event "
                    + "WHERE account_id = 'accbench'") == EVENTS);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("billing ingestion: %d events in %.2f s = %.0f events/s (publish included)%n", EVENTS,
                    seconds, EVENTS / seconds);
        }
        assertThat(count("SELECT sum(quantity) FROM usage_hourly WHERE account_id = 'accbench'")).isEqualTo(EVENTS);
    }

    long count(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
