package io.cadenza.dataplane.human.inbox;

import io.cadenza.dataplane.execution.activity.approval.FormValidator.FieldError;
import java.util.List;

/** A refused inbox request, rendered as RFC 9457 problem JSON by the REST layer. */
public final class InboxProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public InboxProblem(int status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static InboxProblem notFound(String taskId) {
        return new InboxProblem(404, "Task not found", "No task " + taskId + " that you can see in this namespace.",
                null);
    }

    public static InboxProblem conflict(String detail) {
        return new InboxProblem(409, "Conflict", detail, null);
    }

    public static InboxProblem forbidden(String detail) {
        return new InboxProblem(403, "Forbidden", detail, null);
    }

    public static InboxProblem badRequest(String detail, List<FieldError> errors) {
        return new InboxProblem(400, "Invalid request", detail, errors);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
