package io.cadenza.dataplane.execution.state;

/** The parent of a child workflow run: where to report the child's outcome. */
public final class ParentRef {
    public String namespaceId;
    public String namespaceName;
    public String workflowId;
    public String runId;
    public long initiatedEventId;
    /** The workflow id at the top of the parent chain. */
    public String rootWorkflowId;

    public ParentRef() {
    }

    public ParentRef(String namespaceId, String namespaceName, String workflowId, String runId, long initiatedEventId) {
        this.namespaceId = namespaceId;
        this.namespaceName = namespaceName;
        this.workflowId = workflowId;
        this.runId = runId;
        this.initiatedEventId = initiatedEventId;
    }
}
