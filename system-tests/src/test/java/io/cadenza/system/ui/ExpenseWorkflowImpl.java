package io.cadenza.system.ui;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An expense claim that waits for a manager: a plain activity on the reserved task queue {@code cadenza-human},
 * which the data plane turns into an inbox task instead of dispatching it to a worker.
 */
public class ExpenseWorkflowImpl implements ExpenseWorkflow {

    @Override
    public String run(Map<String, Object> claim) {
        ActivityStub approval = Workflow.newUntypedActivityStub(ActivityOptions.newBuilder()
                .setTaskQueue("cadenza-human").setScheduleToCloseTimeout(Duration.ofDays(3))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
        Map<String, Object> request = Map.of(
                "title", "Expense of " + claim.get("employee"),
                "description", "Approve or reject this expense claim.",
                "data", claim,
                "candidateGroups", List.of("managers"),
                "dueIn", "PT24H",
                "outcomes", List.of("approve", "reject"));
        Object decision = approval.execute("Approval", Object.class, request);
        return "decision: " + decision;
    }
}
