package io.cadenza.system.ui;

import io.cadenza.approvals.ApprovalRequest;
import io.cadenza.approvals.ApprovalResult;
import io.cadenza.approvals.Approvals;
import java.time.Duration;
import java.util.Map;

/**
 * An expense claim that waits for a manager, written with the typed approvals helper: the request becomes a task in
 * the managers' inbox, and the person's decision is the activity's result.
 */
public class ExpenseWorkflowImpl implements ExpenseWorkflow {

    private final Approvals approvals = Approvals.newInstance(Duration.ofDays(3));

    @Override
    public String run(Map<String, Object> claim) {
        ApprovalResult decision = approvals.request(ApprovalRequest.builder("Expense of " + claim.get("employee"))
                .description("Approve or reject this expense claim.")
                .data("employee", claim.get("employee"))
                .data("amount", claim.get("amount"))
                .data("reason", claim.get("reason"))
                .candidateGroups("managers")
                .outcomes("approve", "reject")
                .build());
        return "decision: " + decision.outcome() + " by " + decision.completedBy();
    }
}
