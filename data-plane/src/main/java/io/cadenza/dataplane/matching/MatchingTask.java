package io.cadenza.dataplane.matching;

import io.cadenza.dataplane.common.ExecutionKey;

/**
 * A pointer to work that a worker should pick up: a workflow task, an activity task, or a query. Matching keeps
 * only these pointers; whether the work is still due is decided when a poller takes it (a stale pointer is
 * dropped then).
 */
public record MatchingTask(Kind kind, ExecutionKey key, String taskQueue, boolean sticky, long scheduledEventId,
                           int attempt, String queryId) {

    /** STANDALONE_ACTIVITY: a standalone activity run, {@code key} = (namespace id, activity id, run id). */
    public enum Kind { WORKFLOW, ACTIVITY, QUERY, STANDALONE_ACTIVITY }

    public static MatchingTask workflowTask(ExecutionKey key, String queue, boolean sticky, long scheduledId,
                                            int attempt) {
        return new MatchingTask(Kind.WORKFLOW, key, queue, sticky, scheduledId, attempt, null);
    }

    public static MatchingTask activityTask(ExecutionKey key, String queue, long scheduledId, int attempt) {
        return new MatchingTask(Kind.ACTIVITY, key, queue, false, scheduledId, attempt, null);
    }

    public static MatchingTask standaloneActivityTask(ExecutionKey key, String queue, int attempt) {
        return new MatchingTask(Kind.STANDALONE_ACTIVITY, key, queue, false, 0, attempt, null);
    }

    public static MatchingTask query(ExecutionKey key, String queue, String queryId) {
        return new MatchingTask(Kind.QUERY, key, queue, false, 0, 0, queryId);
    }
}
