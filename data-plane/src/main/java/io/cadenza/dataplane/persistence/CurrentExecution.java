package io.cadenza.dataplane.persistence;

/** The run a workflow id points at. {@code status} is a WorkflowExecutionStatus number. */
public record CurrentExecution(String runId, int status, String startRequestId) {
}
