package io.cadenza.dataplane.human.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dataplane.execution.activity.approval.ApprovalRequestParser;
import io.cadenza.dataplane.human.inbox.InboxTask;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** A task as the inbox API shows it (JSON field names are the public contract, see openapi/inbox.yaml). */
public record TaskView(String id, String namespace, String workflowId, String runId, String workflowType,
                       String activityId, String title, String description, JsonNode data, JsonNode form,
                       List<String> outcomes, int priority, String dueAt, String expiresAt, String state,
                       boolean overdue, boolean escalated, String assignee, List<String> candidateUsers,
                       List<String> candidateGroups, String createdAt, String updatedAt, String closedAt,
                       String closeReason, String completedBy, JsonNode result, long version,
                       List<AuditView> audit) {

    /** One audit entry: who did what when, with details (comment text, outcome, reason, escalation groups). */
    public record AuditView(long seq, String at, String actor, String action, JsonNode detail) {
    }

    static TaskView of(InboxTask t, String namespace, long nowMillis, boolean withAudit) {
        JsonNode request = json(t.requestJson());
        List<String> outcomes = new java.util.ArrayList<>();
        request.path("outcomes").forEach(o -> outcomes.add(o.asText()));
        List<AuditView> audit = withAudit ? t.audit().stream()
                .map(a -> new AuditView(a.seq(), time(a.atMillis()), a.actor(), a.action(), json(a.detailJson())))
                .toList() : null;
        return new TaskView(t.taskId(), namespace, t.workflowId(), t.runId(), t.workflowType(), t.activityId(),
                t.title(), request.path("description").isTextual() ? request.get("description").asText() : null,
                request.get("data"), request.get("form"), outcomes, t.priority(), time(t.dueAtMillis()),
                time(t.expiresAtMillis()), t.state().json(), t.overdueAt(nowMillis), t.escalated(), t.assignee(),
                t.candidateUsers(), t.candidateGroups(), time(t.createdAtMillis()), time(t.updatedAtMillis()),
                time(t.closedAtMillis()), t.closeReason(), t.completedBy(),
                t.resultJson() == null ? null : json(t.resultJson()), t.version(), audit);
    }

    private static String time(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static JsonNode json(String s) {
        try {
            return s == null ? null : ApprovalRequestParser.JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException("stored inbox JSON is unreadable", e);
        }
    }
}
