package io.cadenza.dashboard.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.dashboard.backend.ListFilter.AttributeCondition;
import io.cadenza.dashboard.backend.ListFilter.AttributeType;
import io.cadenza.dashboard.backend.ListFilter.Operator;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListFilterTest {

    @Test
    void noFilterIsAnEmptyQuery() {
        assertThat(ListFilter.none().toQuery()).isEmpty();
    }

    @Test
    void everyFieldBecomesOneClauseJoinedByAnd() {
        // given
        ListFilter filter = new ListFilter(Set.of("Running"), "Expense", "exp-", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T12:30:00Z"), List.of(
                new AttributeCondition("CustomerId", Operator.EQUALS, "c-42", AttributeType.KEYWORD),
                new AttributeCondition("Amount", Operator.GREATER_OR_EQUAL, "100.5", AttributeType.DOUBLE),
                new AttributeCondition("Urgent", Operator.EQUALS, "TRUE", AttributeType.BOOL)));

        // when / then
        assertThat(filter.toQuery()).isEqualTo("ExecutionStatus = 'Running' AND WorkflowType = 'Expense'"
                + " AND WorkflowId STARTS_WITH 'exp-' AND StartTime >= '2026-01-01T00:00:00Z'"
                + " AND StartTime < '2026-02-01T12:30:00Z' AND CustomerId = 'c-42' AND Amount >= 100.5"
                + " AND Urgent = true");
    }

    @Test
    void severalStatusesBecomeOneInClauseInCanonicalOrder() {
        ListFilter filter = new ListFilter(Set.of("TimedOut", "Failed", "Running"), null, null, null, null, null);

        assertThat(filter.toQuery()).isEqualTo("ExecutionStatus IN ('Running', 'Failed', 'TimedOut')");
    }

    @Test
    void quotesAndBackslashesInValuesAreEscaped() {
        ListFilter filter = new ListFilter(Set.of(), "O'Brien\\Flow", "  ", null, null, null);

        assertThat(filter.toQuery()).isEqualTo("WorkflowType = 'O\\'Brien\\\\Flow'");
    }

    @Test
    void invalidInputIsRefusedWithAReadableMessage() {
        assertThatThrownBy(() -> new ListFilter(Set.of("Sleeping"), null, null, null, null, null))
                .hasMessageContaining("unknown execution status Sleeping");
        assertThatThrownBy(() -> new ListFilter(Set.of(), null, null, Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), null)).hasMessageContaining("before its end");
        assertThatThrownBy(() -> new AttributeCondition("Amount", Operator.EQUALS, "lots", AttributeType.INT))
                .hasMessageContaining("is a number");
        assertThatThrownBy(() -> new AttributeCondition("x y", Operator.EQUALS, "1", AttributeType.KEYWORD))
                .hasMessageContaining("letters, digits and _");
    }

    @Test
    void perStatusCountQueriesWrapTheUserQuery() {
        assertThat(ListFilter.andStatus("", "Failed")).isEqualTo("ExecutionStatus = 'Failed'");
        assertThat(ListFilter.andStatus("A = 1 OR B = 2", "Failed"))
                .isEqualTo("(A = 1 OR B = 2) AND ExecutionStatus = 'Failed'");
    }
}
