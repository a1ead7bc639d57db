package io.cadenza.dataplane.persistence;

import java.util.List;

/**
 * A change to the human-approval inbox that commits atomically with a run's update (see
 * {@link io.cadenza.dataplane.execution.activity.HumanTaskTransitions}). Each write also appends one audit entry whose
 * sequence number is the task's new version.
 */
public sealed interface InboxWrite {

    String taskId();

    /** A new inbox task for an Approval activity the run just scheduled. */
    record Insert(String taskId, String namespaceId, String workflowId, String runId, long scheduledEventId,
                  String activityId, String workflowType, String title, int priority, long dueAtMillis,
                  long expiresAtMillis, String assignee, List<String> candidateUsers, List<String> candidateGroups,
                  String requestJson, long atMillis) implements InboxWrite {
    }

    /**
     * The task's activity closed: completed (with the activity's result), withdrawn (cancelled, workflow closed)
     * or expired (schedule-to-close timeout). Applies only to a task that is still open or claimed.
     */
    record Close(String taskId, String state, String resultJson, String actor, String reason, long atMillis)
            implements InboxWrite {
    }

    /** The due date passed: flag the task overdue and add {@code escalateTo} groups as candidates (may be empty). */
    record Overdue(String taskId, List<String> escalateTo, long atMillis) implements InboxWrite {
    }
}
