package io.cadenza.dataplane.visibility;

import static io.cadenza.dataplane.visibility.TestAttributes.count;
import static io.cadenza.dataplane.visibility.TestAttributes.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filters, values, precedence and clauses over system attributes (columns of {@code executions}). */
class SystemAttributeQueryTest {

    private static final OffsetDateTime TEN_UTC = OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void anEmptyQueryMatchesEveryExecutionNewestFirst() {
        for (String query : new String[] {"", "   ", null}) {
            SqlFilter filter = VisibilityQueryTranslator.forList(query, Map.of(), 2);
            assertThat(filter.where()).isEqualTo("TRUE");
            assertThat(filter.params()).isEmpty();
            assertThat(filter.orderBy()).isEqualTo("start_time DESC, run_id");
            assertThat(filter.sortOrder()).isEqualTo(SortOrder.DEFAULT);
            assertThat(filter.groupByStatus()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HistoryLength = 5   | (history_length = $2)",
            "HistoryLength != 5  | (history_length <> $2)",
            "HistoryLength <> 5  | (history_length <> $2)",
            "HistoryLength > 5   | (history_length > $2)",
            "HistoryLength < 5   | (history_length < $2)",
            "HistoryLength >= 5  | (history_length >= $2)",
            "HistoryLength <= 5  | (history_length <= $2)",
            "HistoryLength>=5    | (history_length >= $2)"})
    void comparisonOperators(String query, String where) {
        SqlFilter filter = list(query);
        assertThat(filter.where()).isEqualTo(where);
        assertThat(filter.params()).containsExactly(5L);
    }

    @Test
    void keywordColumnsTakeEveryOperator() {
        assertThat(list("WorkflowId = 'wf-1'").where()).isEqualTo("(workflow_id = $2)");
        assertThat(list("WorkflowType IN ('a', \"b\")").where()).isEqualTo("(workflow_type IN ($2, $3))");
        assertThat(list("WorkflowType IN ('a', \"b\")").params()).containsExactly("a", "b");
        assertThat(list("TaskQueue NOT IN ('q')").where()).isEqualTo("(task_queue NOT IN ($2))");
        assertThat(list("RunId > 'a'").where()).isEqualTo("(run_id > $2)");
        assertThat(list("WorkflowId BETWEEN 'a' AND 'm'").where()).isEqualTo("(workflow_id BETWEEN $2 AND $3)");
        assertThat(list("ParentWorkflowId = 'p'").where()).isEqualTo("(parent_workflow_id = $2)");
        assertThat(list("RootWorkflowId IS NULL").where()).isEqualTo("(root_workflow_id IS NULL)");
    }

    @Test
    void startsWithIsAPrefixLikeWithItsWildcardsEscaped() {
        SqlFilter filter = list("WorkflowId STARTS_WITH 'order_1%!'");
        assertThat(filter.where()).isEqualTo("(workflow_id LIKE $2 ESCAPE '!')");
        assertThat(filter.params()).containsExactly("order!_1!%!!%");
        assertThat(list("WorkflowId NOT STARTS_WITH 'a'").where()).isEqualTo("(workflow_id NOT LIKE $2 ESCAPE '!')");
    }

    @Test
    void betweenAndNullTests() {
        SqlFilter between = list("StartTime BETWEEN '2026-11-25T10:00:00Z' AND '2026-11-25T11:00:00Z'");
        assertThat(between.where()).isEqualTo("(start_time BETWEEN $2 AND $3)");
        assertThat(between.params()).containsExactly(TEN_UTC, TEN_UTC.plusHours(1));
        assertThat(list("HistoryLength NOT BETWEEN 1 AND 3").where())
                .isEqualTo("(history_length NOT BETWEEN $2 AND $3)");
        assertThat(list("CloseTime IS NULL").where()).isEqualTo("(close_time IS NULL)");
        assertThat(list("CloseTime is not null").where()).isEqualTo("(close_time IS NOT NULL)");
    }

    @Test
    void andBindsTighterThanOr() {
        // given a OR b AND c, when translated, then it is a OR (b AND c)
        assertThat(list("WorkflowId = 'a' OR WorkflowId = 'b' AND RunId = 'c'").where())
                .isEqualTo("(workflow_id = $2 OR (workflow_id = $3 AND run_id = $4))");
        assertThat(list("WorkflowId = 'a' AND WorkflowId = 'b' OR RunId = 'c'").where())
                .isEqualTo("((workflow_id = $2 AND workflow_id = $3) OR run_id = $4)");
    }

    @Test
    void parenthesesOverridePrecedenceAndNotNegatesAGroup() {
        assertThat(list("(WorkflowId = 'a' OR WorkflowId = 'b') AND RunId = 'c'").where())
                .isEqualTo("((workflow_id = $2 OR workflow_id = $3) AND run_id = $4)");
        assertThat(list("((WorkflowId = 'a'))").where()).isEqualTo("(workflow_id = $2)");
        assertThat(list("NOT (WorkflowId = 'a' OR RunId = 'b')").where())
                .isEqualTo("(NOT (workflow_id = $2 OR run_id = $3))");
        assertThat(list("NOT WorkflowId = 'a' AND RunId = 'b'").where())
                .isEqualTo("(NOT (workflow_id = $2) AND run_id = $3)");
    }

    @Test
    void keywordsAreCaseInsensitiveAndOrsAndAndsChainFlat() {
        SqlFilter filter = list("WorkflowId = 'a' or WorkflowId = 'b' or WorkflowId = 'c' order by StartTime asc");
        assertThat(filter.where()).isEqualTo("(workflow_id = $2 OR workflow_id = $3 OR workflow_id = $4)");
        assertThat(filter.orderBy()).isEqualTo("start_time ASC, run_id");
    }

    @Test
    void stringsTakeEitherQuoteAndBothEscapeStyles() {
        assertThat(list("WorkflowId = 'it''s'").params()).containsExactly("it's");
        assertThat(list("WorkflowId = \"say \\\"hi\\\"\"").params()).containsExactly("say \"hi\"");
        assertThat(list("WorkflowId = 'a\\\\b\\'c'").params()).containsExactly("a\\b'c");
        assertThat(list("WorkflowId = 'tab\\there'").params()).containsExactly("tab\there");
        assertThat(list("WorkflowId = ''").params()).containsExactly("");
        assertThat(list("WorkflowId = 'héllo wörld'").params()).containsExactly("héllo wörld");
    }

    @Test
    void numbersAreIntegersOrDecimalsWithAnOptionalSign() {
        assertThat(list("HistoryLength = -5").params()).containsExactly(-5L);
        assertThat(list("HistoryLength = +5").params()).containsExactly(5L);
        assertThat(list("HistoryLength > 2.5").params()).containsExactly(2.5);
        // A decimal against an integer column compares as FLOAT8, so the server binds a double, not a bigint.
        assertThat(list("HistoryLength > 2.5").where()).isEqualTo("(history_length::FLOAT8 > $2)");
        assertThat(list("HistoryLength < 1e3").params()).containsExactly(1000.0);
        assertThat(list("HistoryLength = -9223372036854775808").params()).containsExactly(Long.MIN_VALUE);
    }

    @Test
    void executionStatusIsQueriedByNameOrNumberAndStoredAsItsNumber() {
        assertThat(list("ExecutionStatus = 'Running'").where()).isEqualTo("(status = $2)");
        assertThat(list("ExecutionStatus = 'Running'").params()).containsExactly(1L);
        assertThat(list("ExecutionStatus IN ('Completed', 'Failed', 'Canceled', 'Terminated', 'ContinuedAsNew',"
                + " 'TimedOut')").params()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(list("ExecutionStatus != 'WORKFLOW_EXECUTION_STATUS_FAILED'").params()).containsExactly(3L);
        assertThat(list("ExecutionStatus = 2").params()).containsExactly(2L);
        assertThat(list("ExecutionStatus IS NULL").where()).isEqualTo("(status IS NULL)");
    }

    @Test
    void datetimesAreRfc3339WithAnyOffsetOrEpochNanosAndBecomeUtc() {
        assertThat(list("StartTime > '2026-11-25T10:00:00Z'").params()).containsExactly(TEN_UTC);
        assertThat(list("StartTime > '2026-11-25T12:00:00+02:00'").params()).containsExactly(TEN_UTC);
        assertThat(list("CloseTime < '2026-11-25T10:00:00.123456789Z'").params())
                .containsExactly(TEN_UTC.withNano(123_456_789));
        assertThat(list("ExecutionTime <= '2026-11-25T04:30:00.5-05:30'").params())
                .containsExactly(TEN_UTC.withNano(500_000_000));
        long nanos = TEN_UTC.toEpochSecond() * 1_000_000_000L + 7;
        assertThat(list("StartTime >= " + nanos).params()).containsExactly(TEN_UTC.withNano(7));
        assertThat(list("ExecutionTime = '2026-11-25T10:00:00Z'").where()).isEqualTo("(execution_time = $2)");
    }

    @Test
    void executionDurationIsComparedInNanosecondsAgainstTheMillisecondColumn() {
        assertThat(list("ExecutionDuration > '1h30m'").where())
                .isEqualTo("((execution_duration_ms * 1000000) > $2)");
        assertThat(list("ExecutionDuration > '1h30m'").params()).containsExactly(5_400_000_000_000L);
        assertThat(list("ExecutionDuration < '250ms'").params()).containsExactly(250_000_000L);
        assertThat(list("ExecutionDuration = 1000").params()).containsExactly(1000L);
        assertThat(list("ExecutionDuration >= '00:05:00'").params()).containsExactly(300_000_000_000L);
        assertThat(list("ExecutionDuration BETWEEN '1.5s' AND '2d'").params())
                .containsExactly(1_500_000_000L, 172_800_000_000_000L);
        assertThat(list("ExecutionDuration IS NULL").where()).isEqualTo("(execution_duration_ms IS NULL)");
    }

    @Test
    void placeholdersAreNumberedFromTheCallersIndex() {
        SqlFilter filter = VisibilityQueryTranslator.forList("WorkflowId = 'a' AND HistoryLength IN (1, 2)", Map.of(), 5);
        assertThat(filter.where()).isEqualTo("(workflow_id = $5 AND history_length IN ($6, $7))");
        assertThat(filter.params()).containsExactly("a", 1L, 2L);
        assertThatThrownBy(() -> VisibilityQueryTranslator.forList("", Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ORDER BY StartTime               | start_time ASC, run_id",
            "ORDER BY StartTime DESC          | start_time DESC, run_id",
            "ORDER BY CloseTime DESC          | close_time DESC NULLS FIRST, run_id",
            "ORDER BY CloseTime ASC           | close_time ASC NULLS LAST, run_id",
            "ORDER BY ExecutionTime desc      | execution_time DESC, run_id",
            "order by ExecutionTime           | execution_time ASC, run_id",
            "WorkflowId = 'a' ORDER BY `StartTime` DESC | start_time DESC, run_id"})
    void orderByTakesTheTimeAttributesInEitherDirection(String query, String orderBy) {
        assertThat(list(query).orderBy()).isEqualTo(orderBy);
        assertThat(SortOrder.fromSql(orderBy).sql()).isEqualTo(orderBy);
    }

    @Test
    void countMayGroupByExecutionStatus() {
        SqlFilter grouped = count("WorkflowType = 'Order' GROUP BY ExecutionStatus");
        assertThat(grouped.groupByStatus()).isTrue();
        assertThat(grouped.where()).isEqualTo("(workflow_type = $2)");
        assertThat(count("GROUP BY ExecutionStatus").where()).isEqualTo("TRUE");
        assertThat(count("WorkflowType = 'Order'").groupByStatus()).isFalse();
    }
}
