package io.cadenza.dataplane.execution.apply;

import io.cadenza.dataplane.execution.child.ChildInfo;
import io.cadenza.dataplane.execution.child.ExternalRequest;
import io.temporal.api.enums.v1.EventType;

/**
 * Child workflows and requests to other workflows: an initiation event adds a pending entry (with a request id
 * derived from the run id and the event id, so a retried start or delivery is recognised by its target), the
 * child's start fills in its run, and every outcome event removes the entry.
 */
final class ChildAppliers {

    private ChildAppliers() {
    }

    static void register(EventAppliers.Registry r) {
        r.on(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, (s, e, runId) -> {
            var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
            ChildInfo c = new ChildInfo();
            c.initiatedEventId = e.getEventId();
            c.namespaceName = a.getNamespace();
            c.namespaceId = a.getNamespaceId();
            c.workflowId = a.getWorkflowId();
            c.workflowType = a.getWorkflowType().getName();
            c.parentClosePolicy = a.getParentClosePolicyValue();
            c.requestId = runId + ":" + c.initiatedEventId;
            c.initiatedAttributes = a.toByteArray();
            s.children.put(c.initiatedEventId, c);
        });
        r.on(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED, (s, e, runId) -> {
            var a = e.getChildWorkflowExecutionStartedEventAttributes();
            ChildInfo c = s.children.get(a.getInitiatedEventId());
            if (c != null) {
                c.runId = a.getWorkflowExecution().getRunId();
                c.namespaceId = a.getNamespaceId();
                c.startedEventId = e.getEventId();
            }
        });
        r.on(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED, (s, e, runId) ->
                s.children.remove(e.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId()));
        r.on(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, (s, e, runId) ->
                s.children.remove(e.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId()));
        r.on(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED, (s, e, runId) ->
                s.children.remove(e.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId()));
        r.on(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED, (s, e, runId) ->
                s.children.remove(e.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId()));
        r.on(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED, (s, e, runId) ->
                s.children.remove(e.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId()));
        r.on(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT, (s, e, runId) ->
                s.children.remove(e.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId()));

        r.on(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, (s, e, runId) -> {
            var a = e.getSignalExternalWorkflowExecutionInitiatedEventAttributes();
            ExternalRequest x = request(e.getEventId(), ExternalRequest.Kind.SIGNAL, runId);
            x.namespaceName = a.getNamespace();
            x.workflowId = a.getWorkflowExecution().getWorkflowId();
            x.runId = a.getWorkflowExecution().getRunId();
            x.signalName = a.getSignalName();
            x.input = a.hasInput() ? a.getInput().toByteArray() : null;
            x.header = a.hasHeader() ? a.getHeader().toByteArray() : null;
            x.control = a.getControl();
            x.childWorkflowOnly = a.getChildWorkflowOnly();
            s.externalRequests.put(x.initiatedEventId, x);
        });
        r.on(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, (s, e, runId) -> {
            var a = e.getRequestCancelExternalWorkflowExecutionInitiatedEventAttributes();
            ExternalRequest x = request(e.getEventId(), ExternalRequest.Kind.CANCEL, runId);
            x.namespaceName = a.getNamespace();
            x.workflowId = a.getWorkflowExecution().getWorkflowId();
            x.runId = a.getWorkflowExecution().getRunId();
            x.control = a.getControl();
            x.childWorkflowOnly = a.getChildWorkflowOnly();
            x.reason = a.getReason();
            s.externalRequests.put(x.initiatedEventId, x);
        });
        r.on(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED, (s, e, runId) ->
                s.externalRequests.remove(e.getExternalWorkflowExecutionSignaledEventAttributes().getInitiatedEventId()));
        r.on(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, (s, e, runId) -> s.externalRequests
                .remove(e.getSignalExternalWorkflowExecutionFailedEventAttributes().getInitiatedEventId()));
        r.on(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED, (s, e, runId) -> s.externalRequests
                .remove(e.getExternalWorkflowExecutionCancelRequestedEventAttributes().getInitiatedEventId()));
        r.on(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, (s, e, runId) -> s.externalRequests
                .remove(e.getRequestCancelExternalWorkflowExecutionFailedEventAttributes().getInitiatedEventId()));
    }

    private static ExternalRequest request(long initiatedEventId, ExternalRequest.Kind kind, String runId) {
        ExternalRequest x = new ExternalRequest();
        x.initiatedEventId = initiatedEventId;
        x.kind = kind;
        x.requestId = runId + ":" + initiatedEventId;
        return x;
    }
}
