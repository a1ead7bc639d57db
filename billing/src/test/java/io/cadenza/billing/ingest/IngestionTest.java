package io.cadenza.billing.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.cadenza.billing.invoice.InvoiceService;
import io.cadenza.billing.testing.BillingTestResources;
import io.cadenza.billing.testing.ReplayConsumer;
import io.cadenza.billing.testing.TestClock;
import io.cadenza.billing.testing.Usage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ingestion against a real broker and a real PostgreSQL. Every event reaches billing twice over: once through the
 * service's own consumer group, once through the test's replay group reading the topic from offset 0.
 */
@QuarkusTest
@QuarkusTestResource(BillingTestResources.class)
class IngestionTest {
    @Inject
    AgroalDataSource db;
    @Inject
    UsageConsumer consumer;
    @Inject
    ReplayConsumer replay;
    @Inject
    TestClock clock;
    @Inject
    InvoiceService invoices;

    @Test
    void duplicatesAndAReplayFromOffsetZeroChangeNothing() {
        // given 40 distinct events in two namespaces, then 10 of them published again (a cell re-publishing)
        clock.set(Instant.parse("2026-12-03T12:00:00Z"));
        Instant t = Instant.parse("2026-12-02T10:15:00Z");
        List<String[]> events = new ArrayList<>();
        long expected = 0;
        for (int i = 0; i < 40; i++) {
            String ns = (i % 2 == 0 ? "orders" : "billing") + ".accdup";
            long quantity = 1 + i % 3;
            expected += quantity;
            events.add(new String[] {ns, Usage.actions("a:" + ns + "/wf-" + i + "/run/5", ns,
                    i % 4 == 0 ? "timer.started" : "activity.started", quantity, t.plusSeconds(i * 120L))});
        }
        long before = consumer.recordsConsumed();
        long replayBefore = replay.records();
        try (Usage usage = new Usage()) {
            events.forEach(e -> usage.publish(e[0], e[1]));
            events.subList(0, 10).forEach(e -> usage.publish(e[0], e[1]));
        }
        // when both consumer groups have seen all 50 records
        Usage.await("both consumers", () -> replay.records() - replayBefore >= 50
                && consumer.recordsConsumed() - before >= 100);

        // then each event counts once
        assertThat(count("SELECT count(*) FROM usage_event WHERE account_id = 'accdup'")).isEqualTo(40);
        assertThat(count("SELECT sum(quantity) FROM usage_hourly WHERE account_id = 'accdup'")).isEqualTo(expected);
        assertThat(count("SELECT count(*) FROM plan_change WHERE account_id = 'accdup'")).isEqualTo(1);
        // and the usage API shows the hourly totals per namespace and kind
        long timers = 0;
        for (int i = 0; i < 40; i += 4) {
            timers += 1 + i % 3;
        }
        given().auth().oauth2("owner-accdup")
                .queryParam("start", "2026-12-02T00:00:00Z").queryParam("end", "2026-12-03T00:00:00Z")
                .queryParam("granularity", "DAILY").queryParam("groupBy", "kind")
                .when().get("/api/v1/usage")
                .then().statusCode(200)
                .body("summaries.size()", equalTo(1))
                .body("summaries[0].incomplete", equalTo(false))
                .body("summaries[0].recordGroups.find { it.groupBys[0].value == 'timer.started' }.records[0].value",
                        equalTo((float) timers));
    }

    @Test
    void lateEventsGoToTheNextInvoiceAsAnAdjustment() {
        // given an account whose November (Essentials, 1M actions included) had 1M actions
        clock.set(Instant.parse("2026-11-15T00:00:00Z"));
        String ns = "orders.acclate";
        try (Usage usage = new Usage()) {
            usage.publish(ns, Usage.actions("late-1", ns, "workflow.started", 1_000_000,
                    Instant.parse("2026-11-01T00:00:00Z")));
            Usage.await("late-1", () -> count("SELECT count(*) FROM usage_event WHERE event_id = 'late-1'") == 1);

            // when November is finalized, and then 2M more November actions arrive
            clock.set(Instant.parse("2026-12-01T02:00:00Z"));
            assertThat(invoices.finalizeDue().await().atMost(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(0);
            assertThat(count("SELECT count(*) FROM invoice WHERE account_id = 'acclate'")).isEqualTo(1);
            usage.publish(ns, Usage.actions("late-2", ns, "activity.started", 2_000_000,
                    Instant.parse("2026-11-28T10:00:00Z")));
            Usage.await("late-2", () -> count("SELECT count(*) FROM usage_event WHERE event_id = 'late-2'") == 1);
        }

        // then November's invoice is unchanged
        given().auth().oauth2("owner-acclate").accept("application/json")
                .when().get("/api/v1/invoices/inv-acclate-2026-11")
                .then().statusCode(200)
                .body("status", equalTo("finalized"))
                .body("total", equalTo("100.00"))
                .body("number", org.hamcrest.Matchers.startsWith("CDZ-2026-"));
        // and December carries the difference: 2M more November actions at $50 per million
        given().auth().oauth2("owner-acclate").accept("application/json")
                .when().get("/api/v1/invoices/inv-acclate-2026-12")
                .then().statusCode(200)
                .body("status", equalTo("draft"))
                .body("lines.find { it.kind == 'adjustment' }.amount", equalTo("100.00"))
                .body("lines.find { it.kind == 'adjustment' }.quantity", equalTo("2000000"))
                .body("total", equalTo("200.00"));
        // and the usage API still puts them in the hour they happened
        given().auth().oauth2("owner-acclate")
                .queryParam("start", "2026-11-28T10:00:00Z").queryParam("end", "2026-11-28T11:00:00Z")
                .queryParam("granularity", "HOURLY")
                .when().get("/api/v1/usage")
                .then().statusCode(200)
                .body("summaries[0].recordGroups[0].groupBys[0].value", equalTo(ns))
                .body("summaries[0].recordGroups[0].records[0].value", equalTo(2_000_000f));
    }

    @Test
    void malformedEventsAreSetAsideWithoutBlockingTheRest() {
        clock.set(Instant.parse("2026-12-03T12:00:00Z"));
        try (Usage usage = new Usage()) {
            usage.publish("x", "{not json");
            usage.publish("x", "{\"id\":\"bad-type\",\"namespaceId\":\"x.accbad\",\"type\":\"CPU\",\"quantity\":1,"
                    + "\"occurredAt\":\"2026-12-03T10:00:00Z\"}");
            usage.publish("noaccount", Usage.actions("no-account", "noaccount", "signal", 1,
                    Instant.parse("2026-12-03T10:00:00Z")));
            usage.publish("x.accbad", Usage.actions("good-after-bad", "x.accbad", "signal", 1,
                    Instant.parse("2026-12-03T10:00:00Z")));
        }
        Usage.await("the good event", () -> count(
                "SELECT count(*) FROM usage_event WHERE event_id = 'good-after-bad'") == 1);
        Usage.await("three rejections", () -> count(
                "SELECT count(*) FROM usage_rejected WHERE reason LIKE 'not JSON%' OR reason LIKE 'type must be%' "
                        + "OR reason LIKE 'namespace noaccount%'") == 3);
    }

    @Test
    void aRecordCarriesManyEventsAndABadOneIsSetAsideAlone() {
        // given one record (as cells publish: a JSON array of one namespace's events) with two good events, one
        // that is no event, and a repeat of the first
        clock.set(Instant.parse("2026-12-03T12:00:00Z"));
        Instant t = Instant.parse("2026-12-03T09:00:00Z");
        String first = Usage.actions("arr-1", "arr.accarr", "timer.started", 1, t);
        String record = "[" + first + "," + Usage.actions("arr-2", "arr.accarr", "signal", 2, t)
                + ",{\"id\":\"arr-bad\",\"namespaceId\":\"arr.accarr\",\"type\":\"ACTIONS\",\"quantity\":0,"
                + "\"action\":\"signal\",\"occurredAt\":\"2026-12-03T09:00:00Z\"}," + first + "]";
        try (Usage usage = new Usage()) {
            usage.publish("arr.accarr", record);
        }
        // then the good events count once each, and only the bad one is rejected, with its own JSON
        Usage.await("the record's good events", () -> count(
                "SELECT count(*) FROM usage_event WHERE account_id = 'accarr'") == 2);
        Usage.await("the bad element's rejection", () -> count(
                "SELECT count(*) FROM usage_rejected WHERE payload LIKE '%arr-bad%' AND payload NOT LIKE '%arr-1%' "
                        + "AND reason LIKE 'quantity must be >= 1%'") >= 1);
        assertThat(count("SELECT sum(quantity) FROM usage_hourly WHERE account_id = 'accarr'")).isEqualTo(3);
    }

    @Test
    void theControlPlaneNamesTheAccountBeforeTheIdFormat() {
        try (Usage usage = new Usage()) {
            usage.publish("renamed", Usage.actions("renamed-1", "renamed", "signal", 1,
                    Instant.parse("2026-12-03T10:00:00Z")));
        }
        Usage.await("renamed-1", () -> count("SELECT count(*) FROM usage_event WHERE event_id = 'renamed-1' "
                + "AND account_id = 'accrenamed'") == 1);
    }

    long count(String sql) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
