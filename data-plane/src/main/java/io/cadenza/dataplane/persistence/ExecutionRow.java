package io.cadenza.dataplane.persistence;

/** The indexed columns of a run's row (epoch millis; closeTimeMillis 0 while open). */
public record ExecutionRow(int status, String workflowType, String taskQueue, long startTimeMillis,
                           long executionTimeMillis, long closeTimeMillis, long historyLength) {
}
