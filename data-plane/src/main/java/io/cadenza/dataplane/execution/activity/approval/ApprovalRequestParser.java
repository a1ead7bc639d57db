package io.cadenza.dataplane.execution.activity.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.dataplane.execution.activity.HumanTasks;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates the argument of an Approval activity against the JSON contract (see approvals/README.md). Pure: the
 * same input always gives the same spec or the same {@link InvalidApprovalRequest}. Unknown fields are ignored
 * so that newer SDK helpers can add optional fields.
 */
public final class ApprovalRequestParser {

    public static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_TITLE = 500;
    static final int MAX_NAMES = 100;
    static final List<String> DEFAULT_OUTCOMES = List.of("approve", "reject");
    static final int DEFAULT_PRIORITY = 3;

    private ApprovalRequestParser() {
    }

    /** The request carried by an activity's input: exactly one JSON payload ({@code json/plain}). */
    public static ApprovalSpec parse(String activityType, Payloads input) {
        if (!HumanTasks.ACTIVITY_TYPE.equals(activityType)) {
            throw new InvalidApprovalRequest("Task queue " + HumanTasks.TASK_QUEUE + " only offers activity type "
                    + HumanTasks.ACTIVITY_TYPE + ", not " + activityType + ".");
        }
        if (input == null || input.getPayloadsCount() != 1) {
            throw new InvalidApprovalRequest("Approval takes exactly one argument (the request object), got "
                    + (input == null ? 0 : input.getPayloadsCount()) + ".");
        }
        Payload p = input.getPayloads(0);
        String encoding = p.getMetadataOrDefault("encoding", com.google.protobuf.ByteString.EMPTY).toStringUtf8();
        if (!"json/plain".equals(encoding)) {
            throw new InvalidApprovalRequest("The approval request must be a JSON payload (encoding json/plain), "
                    + "got encoding '" + encoding + "'.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(p.getData().toByteArray());
        } catch (IOException e) {
            throw new InvalidApprovalRequest("The approval request is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        return parse(root);
    }

    public static ApprovalSpec parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidApprovalRequest("The approval request must be a JSON object.");
        }
        ObjectNode out = JSON.createObjectNode();
        String title = string(root, "title", true);
        if (title.isBlank() || title.length() > MAX_TITLE) {
            throw new InvalidApprovalRequest("title must be a non-blank string of at most " + MAX_TITLE
                    + " characters.");
        }
        out.put("title", title);
        String description = string(root, "description", false);
        if (description != null) {
            out.put("description", description);
        }
        JsonNode data = root.get("data");
        if (data != null && !data.isNull()) {
            if (!data.isObject()) {
                throw new InvalidApprovalRequest("data must be an object of read-only values.");
            }
            out.set("data", data);
        }
        List<FormFieldSpec> form = form(root.get("form"));
        ArrayNode formJson = out.putArray("form");
        for (FormFieldSpec f : form) {
            ObjectNode field = formJson.addObject().put("name", f.name()).put("label", f.label())
                    .put("type", f.type().json()).put("required", f.required());
            if (f.choices() != null) {
                f.choices().forEach(field.putArray("choices")::add);
            }
        }
        List<String> users = names(root, "candidateUsers");
        List<String> groups = names(root, "candidateGroups");
        if (users.isEmpty() && groups.isEmpty()) {
            throw new InvalidApprovalRequest("No candidates: set candidateUsers and/or candidateGroups.");
        }
        users.forEach(out.putArray("candidateUsers")::add);
        groups.forEach(out.putArray("candidateGroups")::add);
        String assignee = string(root, "assignee", false);
        if (assignee != null && assignee.isBlank()) {
            throw new InvalidApprovalRequest("assignee must not be blank.");
        }
        if (assignee != null) {
            out.put("assignee", assignee);
        }
        int priority = DEFAULT_PRIORITY;
        JsonNode p = root.get("priority");
        if (p != null && !p.isNull()) {
            if (!p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 5) {
                throw new InvalidApprovalRequest("priority must be an integer from 1 (most urgent) to 5, was "
                        + p + ".");
            }
            priority = p.asInt();
        }
        out.put("priority", priority);
        long dueAt = 0;
        String due = string(root, "dueAt", false);
        if (due != null) {
            try {
                dueAt = Instant.parse(due).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new InvalidApprovalRequest("dueAt must be an ISO-8601 instant such as 2026-12-01T09:00:00Z, "
                        + "was '" + due + "'.");
            }
            out.put("dueAt", Instant.ofEpochMilli(dueAt).toString());
        }
        List<String> escalateTo = names(root, "escalateTo");
        escalateTo.forEach(out.putArray("escalateTo")::add);
        List<String> outcomes = names(root, "outcomes");
        if (outcomes.isEmpty()) {
            outcomes = DEFAULT_OUTCOMES;
        }
        outcomes.forEach(out.putArray("outcomes")::add);
        return new ApprovalSpec(title, priority, dueAt, assignee, users, groups, escalateTo, outcomes, form, out);
    }

    private static List<FormFieldSpec> form(JsonNode node) {
        List<FormFieldSpec> fields = new ArrayList<>();
        if (node == null || node.isNull()) {
            return fields;
        }
        if (!node.isArray()) {
            throw new InvalidApprovalRequest("form must be an array of fields.");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode f = node.get(i);
            String where = "form[" + i + "]";
            if (!f.isObject()) {
                throw new InvalidApprovalRequest(where + " must be an object.");
            }
            String name = string(f, "name", true, where + ".name");
            if (name.isBlank() || !seen.add(name)) {
                throw new InvalidApprovalRequest(where + ".name must be a non-blank name used once, was '"
                        + name + "'.");
            }
            String typeName = string(f, "type", true, where + ".type");
            FormFieldSpec.Type type = FormFieldSpec.Type.fromJson(typeName);
            if (type == null) {
                throw new InvalidApprovalRequest(where + ".type '" + typeName + "' is unknown; use one of text, "
                        + "number, money, date, choice, textarea.");
            }
            String label = string(f, "label", false, where + ".label");
            JsonNode required = f.get("required");
            if (required != null && !required.isNull() && !required.isBoolean()) {
                throw new InvalidApprovalRequest(where + ".required must be true or false.");
            }
            List<String> choices = null;
            if (type == FormFieldSpec.Type.CHOICE) {
                choices = names(f, "choices", where + ".choices");
                if (choices.isEmpty()) {
                    throw new InvalidApprovalRequest(where + " is a choice field without choices.");
                }
            }
            fields.add(new FormFieldSpec(name, label == null ? name : label, type,
                    required != null && required.asBoolean(), choices));
        }
        return fields;
    }

    private static String string(JsonNode node, String field, boolean required) {
        return string(node, field, required, field);
    }

    private static String string(JsonNode node, String field, boolean required, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidApprovalRequest(where + " is required.");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidApprovalRequest(where + " must be a string.");
        }
        return v.asText();
    }

    private static List<String> names(JsonNode node, String field) {
        return names(node, field, field);
    }

    /** A list of distinct non-blank strings (absent or null: empty). */
    private static List<String> names(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > MAX_NAMES) {
            throw new InvalidApprovalRequest(where + " must be an array of at most " + MAX_NAMES + " strings.");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw new InvalidApprovalRequest(where + " must contain only non-blank strings, found " + e + ".");
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
    }
}
