package io.cadenza.dataplane.execution.activity.approval;

/** An Approval activity's argument breaks the contract; the message says what to fix. */
public final class InvalidApprovalRequest extends RuntimeException {
    public InvalidApprovalRequest(String message) {
        super(message, null, false, false);
    }
}
