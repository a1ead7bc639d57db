package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.persistence.CurrentExecution;
import io.cadenza.dataplane.persistence.StartDecision;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;

/** Temporal's workflow id reuse and conflict rules, applied to the id's current run. Pure. */
public final class StartPolicies {

    private StartPolicies() {
    }

    public static StartDecision decide(String workflowId, String requestId, WorkflowIdReusePolicy reuse,
                                       WorkflowIdConflictPolicy conflict, CurrentExecution current) {
        if (current == null) {
            return StartDecision.create();
        }
        if (current.startRequestId().equals(requestId)) {
            return StartDecision.useExisting(current.runId());
        }
        if (current.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE) {
            if (reuse == WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING) {
                conflict = WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING;
            }
            return switch (conflict) {
                case WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING -> StartDecision.useExisting(current.runId());
                case WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING -> StartDecision.terminateExisting(current.runId());
                default -> StartDecision.reject(Errors.alreadyStarted(workflowId, current.startRequestId(),
                        current.runId()));
            };
        }
        boolean closedSuccessfully =
                current.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED_VALUE;
        return switch (reuse) {
            case WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE -> StartDecision.reject(
                    Errors.alreadyStarted(workflowId, current.startRequestId(), current.runId()));
            case WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY -> closedSuccessfully
                    ? StartDecision.reject(Errors.alreadyStarted(workflowId, current.startRequestId(), current.runId()))
                    : StartDecision.create();
            default -> StartDecision.create();
        };
    }
}
