package io.cadenza.dataplane.visibility;

import static io.cadenza.dataplane.visibility.TestAttributes.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Custom search attributes: JSONB containment where the GIN index can help, typed casts elsewhere. */
class CustomAttributeQueryTest {

    @Test
    void keywordEqualityIsContainmentSoTheGinIndexServesIt() {
        SqlFilter filter = list("CustomerId = 'c-1'");
        assertThat(filter.where()).isEqualTo("(search_attributes @> $2::JSONB)");
        assertThat(filter.params()).containsExactly(new JsonObject().put("CustomerId", "c-1"));
    }

    @Test
    void intDoubleAndBoolEqualityAreContainmentToo() {
        assertThat(list("Priority = 3").params()).containsExactly(new JsonObject().put("Priority", 3L));
        assertThat(list("Score = 2.5").params()).containsExactly(new JsonObject().put("Score", 2.5));
        assertThat(list("Vip = true").where()).isEqualTo("(search_attributes @> $2::JSONB)");
        assertThat(list("Vip = true").params()).containsExactly(new JsonObject().put("Vip", true));
    }

    @Test
    void keywordListEqualityMeansTheListContainsTheValue() {
        SqlFilter filter = list("Tags = 'vip'");
        assertThat(filter.where()).isEqualTo("(search_attributes @> $2::JSONB)");
        assertThat(filter.params()).containsExactly(new JsonObject().put("Tags", new JsonArray().add("vip")));
    }

    @Test
    void inIsADisjunctionOfContainments() {
        SqlFilter filter = list("CustomerId IN ('c-1', 'c-2')");
        assertThat(filter.where()).isEqualTo("((search_attributes @> $2::JSONB OR search_attributes @> $3::JSONB))");
        assertThat(filter.params()).containsExactly(new JsonObject().put("CustomerId", "c-1"),
                new JsonObject().put("CustomerId", "c-2"));
        assertThat(list("Tags IN ('a')").where()).isEqualTo("(search_attributes @> $2::JSONB)");
    }

    @Test
    void negationsRequireTheAttributeToBePresent() {
        assertThat(list("CustomerId != 'c-1'").where()).isEqualTo("((search_attributes ->> $2::TEXT) <> $3)");
        assertThat(list("CustomerId != 'c-1'").params()).containsExactly("CustomerId", "c-1");
        assertThat(list("CustomerId NOT IN ('a', 'b')").where())
                .isEqualTo("((search_attributes ->> $2::TEXT) NOT IN ($3, $4))");
        assertThat(list("Tags != 'vip'").where())
                .isEqualTo("(((search_attributes -> $2::TEXT) IS NOT NULL AND NOT (search_attributes @> $3::JSONB)))");
        assertThat(list("Tags NOT IN ('a', 'b')").where()).isEqualTo("(((search_attributes -> $2::TEXT) IS NOT NULL"
                + " AND NOT ((search_attributes @> $3::JSONB OR search_attributes @> $4::JSONB))))");
        assertThat(list("Vip != true").where()).isEqualTo("((search_attributes ->> $2::TEXT)::BOOLEAN <> $3)");
    }

    @Test
    void rangesCastTheJsonValue() {
        assertThat(list("Priority > 1").where()).isEqualTo("((search_attributes ->> $2::TEXT)::BIGINT > $3)");
        assertThat(list("Priority > 1").params()).containsExactly("Priority", 1L);
        // A decimal bound on an Int compares as FLOAT8 on both sides.
        assertThat(list("Priority >= 1.5").where()).isEqualTo("((search_attributes ->> $2::TEXT)::FLOAT8 >= $3)");
        assertThat(list("Priority >= 1.5").params()).containsExactly("Priority", 1.5);
        assertThat(list("Score BETWEEN 1 AND 2").where())
                .isEqualTo("((search_attributes ->> $2::TEXT)::FLOAT8 BETWEEN $3 AND $4)");
        assertThat(list("Score BETWEEN 1 AND 2").params()).containsExactly("Score", 1.0, 2.0);
        assertThat(list("DueAt < '2026-11-25T10:00:00Z'").where())
                .isEqualTo("((search_attributes ->> $2::TEXT)::TIMESTAMPTZ < $3)");
        assertThat(list("DueAt = '2026-11-25T10:00:00Z'").params())
                .containsExactly("DueAt", OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(list("CustomerId >= 'c'").where()).isEqualTo("((search_attributes ->> $2::TEXT) >= $3)");
    }

    @Test
    void oneAttributeNameIsBoundOnceHoweverOftenItIsUsed() {
        SqlFilter filter = list("Priority > 1 AND Priority < 5 AND Priority IS NOT NULL");
        assertThat(filter.where()).isEqualTo("((search_attributes ->> $2::TEXT)::BIGINT > $3"
                + " AND (search_attributes ->> $2::TEXT)::BIGINT < $4 AND (search_attributes -> $2::TEXT) IS NOT NULL)");
        assertThat(filter.params()).containsExactly("Priority", 1L, 5L);
    }

    @Test
    void textMatchesEveryWordCaseInsensitively() {
        SqlFilter filter = list("Description = '  Rush  50%_off '");
        assertThat(filter.where()).isEqualTo("((LOWER((search_attributes ->> $2::TEXT)) LIKE LOWER($3) ESCAPE '!'"
                + " AND LOWER((search_attributes ->> $2::TEXT)) LIKE LOWER($4) ESCAPE '!'))");
        assertThat(filter.params()).containsExactly("Description", "%Rush%", "%50!%!_off%");
        assertThat(list("Description != 'rush'").where())
                .isEqualTo("(NOT (LOWER((search_attributes ->> $2::TEXT)) LIKE LOWER($3) ESCAPE '!'))");
    }

    @Test
    void startsWithAndNullTestsOnCustomAttributes() {
        assertThat(list("CustomerId STARTS_WITH 'c-'").where())
                .isEqualTo("((search_attributes ->> $2::TEXT) LIKE $3 ESCAPE '!')");
        assertThat(list("CustomerId STARTS_WITH 'c-'").params()).containsExactly("CustomerId", "c-%");
        assertThat(list("Tags IS NULL").where()).isEqualTo("((search_attributes -> $2::TEXT) IS NULL)");
    }

    @Test
    void backquotedNamesMayHoldSpacesOrShadowKeywords() {
        SqlFilter spaced = list("`Custom Name` = 'x'");
        assertThat(spaced.params()).containsExactly(new JsonObject().put("Custom Name", "x"));
        SqlFilter order = list("Order = 'o' AND `Order` != 'p' ORDER BY StartTime");
        assertThat(order.where()).isEqualTo("(search_attributes @> $2::JSONB AND (search_attributes ->> $3::TEXT) <> $4)");
        assertThat(order.orderBy()).isEqualTo("start_time ASC, run_id");
        assertThat(list("`WorkflowId` = 'a'").where()).isEqualTo("(workflow_id = $2)");
    }
}
