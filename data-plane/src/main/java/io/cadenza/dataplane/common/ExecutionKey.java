package io.cadenza.dataplane.common;

/** Identifies one run of a workflow inside a cell. */
public record ExecutionKey(String namespaceId, String workflowId, String runId) {

    public ExecutionKey withRunId(String newRunId) {
        return new ExecutionKey(namespaceId, workflowId, newRunId);
    }

    @Override
    public String toString() {
        return workflowId + "/" + runId;
    }
}
