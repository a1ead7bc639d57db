package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.WorkflowStart;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;

/** StartWorkflowExecution and SignalWithStart requests as the engine's {@link WorkflowStart}. */
final class WorkflowStartRequests {

    private WorkflowStartRequests() {
    }

    static WorkflowStart of(StartWorkflowExecutionRequest req) {
        WorkflowStart s = new WorkflowStart();
        s.workflowId = req.getWorkflowId();
        s.workflowType = req.getWorkflowType().getName();
        s.taskQueue = req.getTaskQueue().getName();
        s.input = req.hasInput() ? req.getInput() : null;
        s.executionTimeoutMillis = Protos.millis(req.getWorkflowExecutionTimeout());
        s.runTimeoutMillis = Protos.millis(req.getWorkflowRunTimeout());
        s.taskTimeoutMillis = Protos.millis(req.getWorkflowTaskTimeout());
        s.startDelayMillis = Protos.millis(req.getWorkflowStartDelay());
        s.identity = req.getIdentity();
        s.requestId = req.getRequestId();
        s.reusePolicy = req.getWorkflowIdReusePolicy();
        s.conflictPolicy = req.getWorkflowIdConflictPolicy();
        s.retryPolicy = req.hasRetryPolicy() ? req.getRetryPolicy() : null;
        s.cronSchedule = req.getCronSchedule();
        s.memo = req.hasMemo() ? req.getMemo() : null;
        s.searchAttributes = req.hasSearchAttributes() ? req.getSearchAttributes() : null;
        s.header = req.hasHeader() ? req.getHeader() : null;
        s.priority = req.hasPriority() ? req.getPriority() : null;
        return s;
    }

    static WorkflowStart.Signal signal(SignalWithStartWorkflowExecutionRequest req) {
        return new WorkflowStart.Signal(req.getSignalName(), req.getSignalInput(), req.getHeader(),
                req.getIdentity());
    }
}
