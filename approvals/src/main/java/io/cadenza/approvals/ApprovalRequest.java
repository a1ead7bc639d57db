package io.cadenza.approvals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a person is asked to decide. Serialized by the SDK's default (Jackson) data converter into exactly the
 * JSON argument of the {@code Approval} activity documented in this module's README; absent fields are omitted.
 * Build one with {@link #builder(String)}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApprovalRequest(String title, String description, Map<String, Object> data, List<FormField> form,
                              List<String> candidateUsers, List<String> candidateGroups, String assignee,
                              Integer priority, String dueAt, List<String> escalateTo, List<String> outcomes) {

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Builder mirroring the JSON contract; the server validates the whole request when it is scheduled. */
    public static final class Builder {
        private final String title;
        private String description;
        private final Map<String, Object> data = new LinkedHashMap<>();
        private final List<FormField> form = new ArrayList<>();
        private final List<String> candidateUsers = new ArrayList<>();
        private final List<String> candidateGroups = new ArrayList<>();
        private String assignee;
        private Integer priority;
        private Instant dueAt;
        private final List<String> escalateTo = new ArrayList<>();
        private final List<String> outcomes = new ArrayList<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** Markdown shown above the form. */
        public Builder description(String markdown) {
            this.description = markdown;
            return this;
        }

        /** A read-only value shown with the task (any JSON-serializable value). */
        public Builder data(String key, Object value) {
            data.put(key, value);
            return this;
        }

        public Builder field(FormField field) {
            form.add(field);
            return this;
        }

        public Builder candidateUsers(String... usernames) {
            candidateUsers.addAll(List.of(usernames));
            return this;
        }

        public Builder candidateGroups(String... groups) {
            candidateGroups.addAll(List.of(groups));
            return this;
        }

        /** Starts the task claimed by this person. */
        public Builder assignee(String username) {
            this.assignee = username;
            return this;
        }

        /** 1 (most urgent) to 5; the server's default is 3. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * When the task becomes overdue (and is escalated to {@link #escalateTo} groups). Not a timeout: the
         * activity's schedule-to-close timeout ends the task. In workflow code pass a time derived from
         * {@code Workflow.currentTimeMillis()}, never from the system clock.
         */
        public Builder dueAt(Instant dueAt) {
            this.dueAt = dueAt;
            return this;
        }

        /** Groups added as candidates once the task is overdue. */
        public Builder escalateTo(String... groups) {
            escalateTo.addAll(List.of(groups));
            return this;
        }

        /** The decisions offered; the server's default is {@code approve} and {@code reject}. */
        public Builder outcomes(String... outcomes) {
            this.outcomes.addAll(List.of(outcomes));
            return this;
        }

        public ApprovalRequest build() {
            return new ApprovalRequest(title, description, data.isEmpty() ? null : Map.copyOf(data),
                    form.isEmpty() ? null : List.copyOf(form), List.copyOf(candidateUsers),
                    List.copyOf(candidateGroups), assignee, priority, dueAt == null ? null : dueAt.toString(),
                    escalateTo.isEmpty() ? null : List.copyOf(escalateTo),
                    outcomes.isEmpty() ? null : List.copyOf(outcomes));
        }
    }
}
