package io.cadenza.dataplane.persistence;

/**
 * The indexed columns of a run's row (epoch millis; closeTimeMillis 0 while open), including what visibility
 * queries filter on: search attributes as JSON, memo bytes, execution duration (null while open), parent and
 * root workflow ids (null for a top-level run's parent).
 */
public record ExecutionRow(int status, String workflowType, String taskQueue, long startTimeMillis,
                           long executionTimeMillis, long closeTimeMillis, long historyLength,
                           String searchAttributesJson, byte[] memo, Long executionDurationMillis,
                           String parentWorkflowId, String rootWorkflowId) {
}
