package io.cadenza.dataplane.execution.child;

/** A signal or cancellation request this run sent to another workflow, until the target acknowledged it. */
public final class ExternalRequest {

    public enum Kind { SIGNAL, CANCEL }

    public long initiatedEventId;
    public Kind kind;
    public String namespaceId;
    public String namespaceName;
    public String workflowId;
    public String runId;
    public String signalName;
    /** Payloads and Header bytes of a signal. */
    public byte[] input;
    public byte[] header;
    public String control;
    public boolean childWorkflowOnly;
    public String reason;
    /** Deterministic per initiation, so a retried delivery is applied once by the target. */
    public String requestId;
}
