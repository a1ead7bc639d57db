package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.persistence.ExecutionRow;
import io.cadenza.dataplane.visibility.SearchAttributeDefinitions;
import io.temporal.api.common.v1.SearchAttributes;

/** Row mapping: the indexed columns of a run's {@code executions} row, written with every commit of its state. */
final class ExecutionRows {

    private ExecutionRows() {
    }

    static ExecutionRow of(MutableState s, Namespace ns) {
        SearchAttributes attributes = s.searchAttributes == null ? null
                : Protos.parse(SearchAttributes.parser(), s.searchAttributes, SearchAttributes.getDefaultInstance());
        Long duration = s.closeTimeMillis > 0 ? Math.max(0, s.closeTimeMillis - s.info.executionTimeMillis) : null;
        String parent = s.info.parent == null ? null : s.info.parent.workflowId;
        String root = s.info.parent == null ? null : s.info.parent.rootWorkflowId;
        return new ExecutionRow(s.status, s.info.workflowType, s.info.taskQueue, s.info.startTimeMillis,
                s.info.executionTimeMillis, s.closeTimeMillis, s.nextEventId - 1,
                // indexedAttributes() merges two maps: only worth it when the run has attributes (most do not).
                attributes == null || attributes.getIndexedFieldsCount() == 0 ? "{}"
                        : SearchAttributeDefinitions.json(attributes, ns.indexedAttributes()),
                s.memo, duration, parent, root);
    }
}
