package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.visibility.PageToken;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Visibility over the runs of a namespace: list filters in Temporal's list-filter language are answered from
 * indexes, and pages continue by keyset (sort time, run id), so a deep page costs what the first one does and a run
 * is never listed twice or skipped while pages are read. A malformed query, one naming an attribute not in
 * {@code attributes}, or a token of another order is refused synchronously with
 * {@link io.cadenza.dataplane.visibility.InvalidQueryException}.
 */
public interface VisibilityStore {

    /** A page of runs and the token of the next page (null when this is the last). */
    record Page(List<WorkflowExecutionInfo> executions, PageToken next) {
    }

    /**
     * The number of runs matching, and per status number (WorkflowExecutionStatus, or ActivityExecutionStatus for
     * standalone activities) when the query ends with GROUP BY ExecutionStatus (otherwise {@code byStatus} is empty).
     */
    record Count(long total, Map<Integer, Long> byStatus) {
    }

    /**
     * Up to {@code pageSize} runs matching {@code query} (blank: all) in its order, after {@code after} (null: from
     * the start). {@code attributes} are the namespace's search attributes by name.
     */
    CompletionStage<Page> list(String namespaceId, String query, Map<String, IndexedValueType> attributes,
                               PageToken after, int pageSize);

    /** The runs matching {@code query}, which may end with GROUP BY ExecutionStatus. */
    CompletionStage<Count> count(String namespaceId, String query, Map<String, IndexedValueType> attributes);
}
