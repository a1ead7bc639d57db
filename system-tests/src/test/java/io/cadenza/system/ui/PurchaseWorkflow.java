package io.cadenza.system.ui;

import io.cadenza.approvals.ApprovalRequest;
import io.cadenza.approvals.ApprovalResult;
import io.cadenza.approvals.Approvals;
import io.cadenza.approvals.FormField;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** A purchase that a buyer approves or rejects, filling in a required amount and an optional note. */
@WorkflowInterface
public interface PurchaseWorkflow {

    @WorkflowMethod(name = "Purchase")
    String run(String item);

    /** The decision and the form as the workflow received them. */
    class Impl implements PurchaseWorkflow {

        private final Approvals approvals = Approvals.newInstance(Duration.ofDays(3));

        @Override
        public String run(String item) {
            ApprovalResult decision = approvals.request(ApprovalRequest.builder("Purchase of " + item)
                    .data("item", item)
                    .field(FormField.money("approvedAmount", "Approved amount", true))
                    .field(FormField.textarea("note", "Note to the requester", false))
                    .candidateGroups("buyers")
                    .outcomes("approve", "reject")
                    .build());
            return decision.outcome() + " " + decision.formValues() + " comment=" + decision.comment()
                    + " by " + decision.completedBy();
        }
    }
}
