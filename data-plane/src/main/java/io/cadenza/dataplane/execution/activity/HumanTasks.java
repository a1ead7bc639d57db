package io.cadenza.dataplane.execution.activity;

/** Names of the human-approval contract shared by workflows (any SDK), the engine and the inbox API. */
public final class HumanTasks {

    /** Reserved task queue: activities scheduled on it become inbox tasks and are never handed to pollers. */
    public static final String TASK_QUEUE = "cadenza-human";
    /** The only activity type offered on {@link #TASK_QUEUE}. */
    public static final String ACTIVITY_TYPE = "Approval";
    /** ApplicationFailure type of a request the server refuses. */
    public static final String INVALID_REQUEST = "InvalidApprovalRequest";
    /** Identity of the server's own actions in history and in the audit trail. */
    public static final String SYSTEM = "system";

    private HumanTasks() {
    }
}
