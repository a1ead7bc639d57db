package io.cadenza.dataplane.execution;

import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.Priority;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;

/**
 * A request to start a workflow run, as {@link WorkflowStarts} takes it from the StartWorkflowExecution and
 * SignalWithStart handlers and from schedules. Optional messages are null when not given; durations are in
 * milliseconds (0 when not given).
 */
public final class WorkflowStart {

    public String workflowId = "";
    public String workflowType = "";
    public String taskQueue = "";
    public Payloads input;
    public long executionTimeoutMillis;
    public long runTimeoutMillis;
    public long taskTimeoutMillis;
    public long startDelayMillis;
    public String identity = "";
    /** Set by the caller (a fresh one when the client gave none): it makes the start idempotent. */
    public String requestId = "";
    public WorkflowIdReusePolicy reusePolicy = WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_UNSPECIFIED;
    public WorkflowIdConflictPolicy conflictPolicy = WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED;
    public RetryPolicy retryPolicy;
    public String cronSchedule = "";
    public Memo memo;
    public SearchAttributes searchAttributes;
    public Header header;
    public Priority priority;

    /** The signal of a SignalWithStart, recorded right after the start in the new run. */
    public record Signal(String name, Payloads input, Header header, String identity) {
    }
}
