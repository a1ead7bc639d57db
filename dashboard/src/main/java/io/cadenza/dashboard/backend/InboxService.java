package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dashboard.security.UserToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The human-approval inbox of a namespace ({@code /api/v1/namespaces/{ns}/tasks}, served by the namespace's cell
 * behind the gateway, which passes on who the user is and which groups they are in).
 */
@ApplicationScoped
public class InboxService {

    @Inject
    GatewayRest rest;

    /** Which tasks to list. */
    public enum Scope {
        MINE("mine"), GROUPS("groups"), ALL("all");

        final String wire;

        Scope(String wire) {
            this.wire = wire;
        }
    }

    /** A task as listed. */
    public record TaskSummary(String id, String title, int priority, String state, boolean overdue, Instant dueAt,
                              String assignee, List<String> candidateGroups, String workflowId, String runId,
                              String workflowType, Instant createdAt, String requester, String amount,
                              BigDecimal amountValue) {
        static TaskSummary of(JsonNode n) {
            JsonNode data = n.path("data");
            return new TaskSummary(taskId(n), Json.text(n, "title"), n.path("priority").asInt(3), Json.text(n, "state"),
                    n.path("overdue").asBoolean(), Json.instant(n, "dueAt"), Json.text(n, "assignee"),
                    strings(n.path("candidateGroups")), Json.text(n, "workflowId"), Json.text(n, "runId"),
                    Json.text(n, "workflowType"), Json.instant(n, "createdAt"), ApprovalFields.requester(data),
                    ApprovalFields.amount(data), ApprovalFields.amountValue(data));
        }

        /** Overdue by the server's flag, or because the due date passed since it was computed. */
        public boolean overdueAt(Instant now) {
            return overdue || (dueAt != null && dueAt.isBefore(now) && isOpen());
        }

        public boolean isOpen() {
            return "open".equals(state) || "claimed".equals(state);
        }
    }

    /** One field of a task's form. */
    public record FormField(String name, String label, String type, boolean required, List<String> options,
                            String description) {
    }

    /** An entry of a task's audit trail. */
    public record TaskEvent(Instant at, String actor, String action, String detail) {
    }

    /** A task with its request (description, data, form, outcomes) and audit trail. */
    public record Task(TaskSummary summary, String description, JsonNode data, List<FormField> form,
                       List<String> outcomes, List<TaskEvent> events, JsonNode result, String completedBy) {
    }

    /** The inbox lists open and claimed tasks unless asked for every state ({@code state=all}). */
    public List<TaskSummary> list(UserToken user, String namespace, Scope scope, boolean includeClosed) {
        String path = base(namespace) + "?scope=" + scope.wire + (includeClosed ? "&state=all" : "")
                + "&pageSize=200";
        List<TaskSummary> tasks = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = rest.get(user, token == null ? path : path + "&nextPageToken=" + GatewayRest.encode(token));
            page.path("tasks").forEach(n -> tasks.add(TaskSummary.of(n)));
            token = page.path("nextPageToken").isTextual() ? page.path("nextPageToken").asText() : null;
        } while (token != null && !token.isEmpty() && tasks.size() < 2000);
        return tasks;
    }

    public Task get(UserToken user, String namespace, String taskId) {
        // The cell's task view (openapi/inbox.yaml): the request's description, data, form and outcomes at the top
        // level, the audit trail under "audit".
        JsonNode n = rest.get(user, base(namespace) + "/" + GatewayRest.encode(taskId));
        List<FormField> form = new ArrayList<>();
        n.path("form").forEach(f -> form.add(new FormField(Json.text(f, "name"),
                Json.text(f, "label") == null ? Json.text(f, "name") : Json.text(f, "label"),
                Json.text(f, "type") == null ? "text" : Json.text(f, "type"), f.path("required").asBoolean(),
                strings(f.path("choices")), Json.text(f, "description"))));
        List<String> outcomes = strings(n.path("outcomes"));
        if (outcomes.isEmpty()) {
            outcomes = List.of("approve", "reject");
        }
        List<TaskEvent> events = new ArrayList<>();
        n.path("audit").forEach(e -> events.add(new TaskEvent(Json.instant(e, "at"), Json.text(e, "actor"),
                Json.text(e, "action"), e.path("detail").isMissingNode() || e.path("detail").isNull() ? ""
                        : e.path("detail").toString())));
        String description = Json.text(n, "description");
        return new Task(TaskSummary.of(n), description == null ? "" : description, n.path("data"), form,
                outcomes, events, n.path("result"), Json.text(n, "completedBy"));
    }

    public void claim(UserToken user, String namespace, String taskId) {
        rest.post(user, base(namespace) + "/" + GatewayRest.encode(taskId) + "/claim", Map.of());
    }

    public void unclaim(UserToken user, String namespace, String taskId) {
        rest.post(user, base(namespace) + "/" + GatewayRest.encode(taskId) + "/unclaim", Map.of());
    }

    /** Hands a task the caller holds (or, for an admin, any open task) to another user, who then holds it. */
    public void assign(UserToken user, String namespace, String taskId, String assignee) {
        rest.post(user, base(namespace) + "/" + GatewayRest.encode(taskId) + "/assign",
                Map.of("assignee", assignee));
    }

    /** Completes the task with an outcome, a comment and the form's values (validated by the server as well). */
    public void complete(UserToken user, String namespace, String taskId, String outcome, String comment,
                         Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome);
        body.put("comment", comment == null ? "" : comment);
        body.put("formValues", fields);
        rest.post(user, base(namespace) + "/" + GatewayRest.encode(taskId) + "/complete", body);
    }

    private static String base(String namespace) {
        return "/api/v1/namespaces/" + GatewayRest.encode(namespace) + "/tasks";
    }

    private static String taskId(JsonNode n) {
        return Json.text(n, "taskId") != null ? Json.text(n, "taskId") : Json.text(n, "id");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.isObject() ? (v.has("name") ? v.path("name").asText() : v.path("id").asText())
                : v.asText()));
        return out;
    }
}
