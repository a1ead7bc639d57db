package io.cadenza.dataplane.human.inbox;

import java.util.List;

/** One row of {@code inbox_tasks}; {@code audit} is filled only when a single task is read. Times: epoch millis. */
public record InboxTask(String taskId, String namespaceId, String workflowId, String runId, long scheduledEventId,
                        String activityId, String workflowType, String title, int priority, long dueAtMillis,
                        long expiresAtMillis, InboxTaskState state, boolean overdue, boolean escalated,
                        String assignee, List<String> candidateUsers, List<String> candidateGroups,
                        List<String> principals, String requestJson, String resultJson, String completedBy,
                        long closedAtMillis, String closeReason, long createdAtMillis, long updatedAtMillis,
                        long version, List<AuditEntry> audit) {

    /** One action on a task: who, what, when, and details (comment text, outcome, reason...). */
    public record AuditEntry(long seq, long atMillis, String actor, String action, String detailJson) {
    }

    public InboxTask withAudit(List<AuditEntry> entries) {
        return new InboxTask(taskId, namespaceId, workflowId, runId, scheduledEventId, activityId, workflowType, title,
                priority, dueAtMillis, expiresAtMillis, state, overdue, escalated, assignee, candidateUsers,
                candidateGroups, principals, requestJson, resultJson, completedBy, closedAtMillis, closeReason,
                createdAtMillis, updatedAtMillis, version, entries);
    }

    /** Overdue as shown: flagged by the server at the due date, or past it a moment before the flag is written. */
    public boolean overdueAt(long nowMillis) {
        return overdue || (state.isActive() && dueAtMillis > 0 && dueAtMillis <= nowMillis);
    }
}
