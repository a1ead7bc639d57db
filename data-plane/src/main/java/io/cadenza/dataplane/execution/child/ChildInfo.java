package io.cadenza.dataplane.execution.child;

import io.cadenza.dataplane.common.Protos;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;

/** A child workflow of this run: initiated (being started) or started (running until it reports back). */
public final class ChildInfo {
    public long initiatedEventId;
    public String namespaceId;
    public String namespaceName;
    public String workflowId;
    public String workflowType;
    /** Set once the child started. */
    public String runId;
    public long startedEventId;
    public int parentClosePolicy;
    /** Deterministic per initiation, so a start retried after a crash finds the run it created. */
    public String requestId;
    public byte[] initiatedAttributes;

    public boolean started() {
        return runId != null;
    }

    public StartChildWorkflowExecutionInitiatedEventAttributes attributes() {
        return Protos.parse(StartChildWorkflowExecutionInitiatedEventAttributes.parser(), initiatedAttributes,
                StartChildWorkflowExecutionInitiatedEventAttributes.getDefaultInstance());
    }
}
