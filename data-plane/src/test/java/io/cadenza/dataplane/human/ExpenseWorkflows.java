package io.cadenza.dataplane.human;

import io.cadenza.approvals.ApprovalRequest;
import io.cadenza.approvals.ApprovalResult;
import io.cadenza.approvals.Approvals;
import io.cadenza.approvals.FormField;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The expense example, written with the typed approvals helper. */
public final class ExpenseWorkflows {

    static final int AUTO_APPROVE_BELOW = 100;

    private ExpenseWorkflows() {
    }

    /** {@code dueInSeconds} 0: no due date. */
    public record Expense(String id, int amount, int timeoutSeconds, int dueInSeconds) {
    }

    @WorkflowInterface
    public interface ExpenseWorkflow {
        @WorkflowMethod
        String submit(Expense expense);
    }

    @ActivityInterface
    public interface Ledger {
        void reserveBudget(String expenseId, int amount);

        void releaseBudget(String expenseId);

        void pay(String expenseId, String amount);
    }

    public static class RecordingLedger implements Ledger {
        public final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void reserveBudget(String expenseId, int amount) {
            calls.add("reserve:" + expenseId);
        }

        @Override
        public void releaseBudget(String expenseId) {
            calls.add("release:" + expenseId);
        }

        @Override
        public void pay(String expenseId, String amount) {
            calls.add("pay:" + expenseId + ":" + amount);
        }
    }

    public static class ExpenseWorkflowImpl implements ExpenseWorkflow {
        private final Ledger ledger = Workflow.newActivityStub(Ledger.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String submit(Expense e) {
            if (e.amount() < AUTO_APPROVE_BELOW) {
                ledger.pay(e.id(), String.valueOf(e.amount()));
                return "paid:auto";
            }
            ledger.reserveBudget(e.id(), e.amount());
            ApprovalRequest.Builder request = ApprovalRequest.builder("Expense " + e.id())
                    .description("Please review **" + e.amount() + " EUR**.")
                    .data("amount", e.amount())
                    .field(FormField.money("approvedAmount", "Approved amount", true))
                    .field(FormField.choice("costCenter", "Cost center", false, List.of("R&D", "Sales")))
                    .candidateGroups("managers")
                    .priority(2);
            if (e.dueInSeconds() > 0) {
                request.dueAt(Instant.ofEpochMilli(Workflow.currentTimeMillis()).plusSeconds(e.dueInSeconds()))
                        .escalateTo("finance");
            }
            ApprovalResult decision;
            try {
                decision = Approvals.newInstance(Duration.ofSeconds(e.timeoutSeconds())).request(request.build());
            } catch (ActivityFailure failure) {
                ledger.releaseBudget(e.id());
                if (failure.getCause() instanceof TimeoutFailure) {
                    return "timed-out";
                }
                throw failure;
            }
            if (!decision.isApproved()) {
                ledger.releaseBudget(e.id()); // saga: compensate the reservation
                return "rejected:" + decision.completedBy() + ":" + decision.comment();
            }
            String amount = String.valueOf(decision.formValues().get("approvedAmount"));
            ledger.pay(e.id(), amount);
            return "paid:" + decision.completedBy() + ":" + amount;
        }
    }

    /** Asks with a broken request and reports the failure the workflow sees. */
    @WorkflowInterface
    public interface InvalidRequestWorkflow {
        @WorkflowMethod
        String ask(String brokenJson);
    }

    public static class InvalidRequestWorkflowImpl implements InvalidRequestWorkflow {
        @Override
        public String ask(String which) {
            try {
                if (which.equals("no-candidates")) {
                    Approvals.newInstance().request(ApprovalRequest.builder("nobody can answer").build());
                } else {
                    // a plain stub with a wrong activity type on the reserved queue
                    Workflow.newUntypedActivityStub(ActivityOptions.newBuilder().setTaskQueue(Approvals.TASK_QUEUE)
                                    .setScheduleToCloseTimeout(Duration.ofMinutes(1)).build())
                            .execute("Approve", String.class, "x");
                }
                return "accepted";
            } catch (ActivityFailure failure) {
                ApplicationFailure cause = (ApplicationFailure) failure.getCause();
                return cause.getType() + "|" + cause.isNonRetryable() + "|" + cause.getOriginalMessage();
            }
        }
    }

    /** Asks inside a cancellation scope and cancels the scope when signalled. */
    @WorkflowInterface
    public interface WithdrawingWorkflow {
        @WorkflowMethod
        String ask();

        @SignalMethod
        void withdraw();
    }

    public static class WithdrawingWorkflowImpl implements WithdrawingWorkflow {
        private boolean withdraw;

        @Override
        public String ask() {
            Promise<ApprovalResult>[] pending = new Promise[1];
            CancellationScope scope = Workflow.newCancellationScope(() -> pending[0] = Approvals.newInstance()
                    .requestAsync(ApprovalRequest.builder("withdraw me").candidateGroups("managers").build()));
            scope.run();
            Workflow.await(() -> withdraw || pending[0].isCompleted());
            if (!pending[0].isCompleted()) {
                scope.cancel();
            }
            try {
                return pending[0].get().outcome();
            } catch (ActivityFailure | CanceledFailure e) {
                return "withdrawn";
            }
        }

        @Override
        public void withdraw() {
            withdraw = true;
        }
    }
}
