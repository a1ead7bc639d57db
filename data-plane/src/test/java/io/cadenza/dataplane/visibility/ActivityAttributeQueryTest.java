package io.cadenza.dataplane.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standalone activity list queries: the activities' system attributes over the derived table's columns. */
class ActivityAttributeQueryTest {

    @Test
    void activityAttributesMapToTheDerivedTablesColumns() {
        SqlFilter filter = VisibilityQueryTranslator.forActivityList(
                "ActivityId = 'a-1' AND ActivityType = 'Job' AND TaskQueue = 'q' AND ExecutionStatus = 'TimedOut'",
                Map.of(), 2);
        assertThat(filter.where()).contains("workflow_id = $2", "workflow_type = $3", "task_queue = $4",
                "status = $5");
        // WorkflowExecutionStatus numbers: the derived table maps activities' TIMED_OUT (6) to 7
        assertThat(filter.params()).containsExactly("a-1", "Job", "q", 7L);
    }

    @Test
    void workflowOnlyAttributesAreNotActivityAttributes() {
        assertThatThrownBy(() -> VisibilityQueryTranslator.forActivityList("WorkflowId = 'w'", Map.of(), 2))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("WorkflowId");
        assertThatThrownBy(() -> VisibilityQueryTranslator.forList("ActivityId = 'a'", Map.of(), 2))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("ActivityId");
    }

    @Test
    void customAttributesCountsAndOrderWorkAsForWorkflows() {
        SqlFilter count = VisibilityQueryTranslator.forActivityCount("CustomKeywordField = 'x' GROUP BY ExecutionStatus",
                Map.of("CustomKeywordField", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD), 2);
        assertThat(count.groupByStatus()).isTrue();
        assertThat(count.where()).contains("search_attributes");
        SqlFilter ordered = VisibilityQueryTranslator.forActivityList("ORDER BY CloseTime DESC", Map.of(), 2);
        assertThat(ordered.sortOrder().attribute()).isEqualTo("CloseTime");
    }
}
