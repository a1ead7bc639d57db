package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.visibility.PageToken;
import io.cadenza.dataplane.visibility.SqlFilter;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Visibility over the runs of a namespace: list filters (translated from Temporal's list-filter language) are
 * answered from indexes, and pages continue by keyset (sort time, run id), so a deep page costs what the first one
 * does and a run is never listed twice or skipped while pages are read.
 */
public interface VisibilityStore {

    /** A page of runs and the token of the next page (null when this is the last). */
    record Page(List<WorkflowExecutionInfo> executions, PageToken next) {
    }

    /** Up to {@code pageSize} runs matching {@code filter} in its order, after {@code after} (null: from the start). */
    CompletionStage<Page> list(String namespaceId, SqlFilter filter, PageToken after, int pageSize,
                               Map<String, IndexedValueType> types);

    /** The number of runs matching, and per status when the filter groups by ExecutionStatus (-1 otherwise). */
    CompletionStage<Map<Integer, Long>> count(String namespaceId, SqlFilter filter);
}
