package io.cadenza.dataplane.execution.workflowtask;

import io.temporal.api.enums.v1.WorkflowTaskFailedCause;

/** A command the server refuses; the workflow task fails with this cause and message, as in Temporal. */
public final class CommandRejected extends RuntimeException {

    private final WorkflowTaskFailedCause cause;

    public CommandRejected(WorkflowTaskFailedCause cause, String message) {
        super(message, null, false, false);
        this.cause = cause;
    }

    public WorkflowTaskFailedCause failedCause() {
        return cause;
    }
}
