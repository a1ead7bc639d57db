package io.cadenza.bench;

import io.cadenza.approvals.ApprovalRequest;
import io.cadenza.approvals.ApprovalResult;
import io.cadenza.approvals.Approvals;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class SoakWorkflowImpl implements SoakWorkflow {

    static final ActivityOptions ACTIVITY_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100))
                    .setMaximumAttempts(5).build())
            .build();

    private final SoakActivities activities = Workflow.newActivityStub(SoakActivities.class, ACTIVITY_OPTIONS);
    private final SoakActivities heartbeating = Workflow.newActivityStub(SoakActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setHeartbeatTimeout(Duration.ofSeconds(10)).build());
    private final SoakActivities local = Workflow.newLocalActivityStub(SoakActivities.class,
            LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
    private String token;
    private Integer bonus;
    private String progress = "waiting";

    @Override
    public String run(int n, int round, long carried, boolean approvals) {
        if (round == 1) {
            long child = Workflow.newChildWorkflowStub(SoakChild.class).add(n);
            return "soak-" + n + "=" + (carried + child) + "/continued";
        }
        if (!Workflow.await(Duration.ofMinutes(2), () -> token != null && bonus != null)) {
            throw ApplicationFailure.newNonRetryableFailure("no signal and update within 2 minutes", "NoSignal");
        }
        if (SoakWorkflow.fate(n) != Fate.COMPLETE) {
            // Waits to be cancelled (and then cleans up in a detached scope) or terminated.
            progress = "doomed";
            try {
                Workflow.await(() -> false);
            } catch (CanceledFailure cancelled) {
                Workflow.newDetachedCancellationScope(() -> activities.offset(n)).run();
                throw cancelled;
            }
        }
        if (approvals && SoakWorkflow.needsApproval(n)) {
            progress = "awaiting approval";
            ApprovalResult decision = Approvals.newInstance(Duration.ofMinutes(10)).request(
                    ApprovalRequest.builder("Soak run " + n).data("n", n)
                            .candidateGroups(SoakApprover.GROUP).build());
            if (!decision.isApproved()) {
                throw ApplicationFailure.newNonRetryableFailure("not approved: " + decision.outcome(), "Rejected");
            }
        }
        progress = "working";
        Promise<Integer> incremented = Async.function(activities::flakyIncrement, n);
        Promise<Long> squared = Async.function(activities::square, n);
        Workflow.sleep(Duration.ofMillis(100 + (n % 5) * 50L));
        long partial = squared.get() + incremented.get() + bonus;
        // Markers (a local activity, a version, a side effect) and a heartbeating activity, each checked here.
        int version = Workflow.getVersion("soak-change", Workflow.DEFAULT_VERSION, 1);
        long sideEffect = Workflow.sideEffect(Long.class, () -> 7L);
        if (local.square(n) != squared.get() || heartbeating.heartbeating(n) != n || version != 1 || sideEffect != 7L) {
            throw ApplicationFailure.newNonRetryableFailure("a marker or the heartbeating activity was off",
                    "SoakMismatch");
        }
        progress = "child";
        if (n % 2 == 1) {
            // The continued run adds the child's offset to what this one computed.
            SoakWorkflow next = Workflow.newContinueAsNewStub(SoakWorkflow.class);
            next.run(n, 1, partial, approvals);
        }
        long child = Workflow.newChildWorkflowStub(SoakChild.class).add(n);
        return "soak-" + n + "=" + (partial + child);
    }

    @Override
    public void go(String token) {
        this.token = token;
    }

    @Override
    public String addBonus(int bonus) {
        Workflow.await(() -> token != null);
        this.bonus = bonus;
        return "bonus " + bonus + " after " + token;
    }

    @Override
    public void validateBonus(int bonus) {
        if (bonus < 0 || this.bonus != null) {
            throw new IllegalArgumentException("a bonus is a single number >= 0");
        }
    }

    @Override
    public String progress() {
        return progress;
    }

    @Override
    public String signalledToken() {
        return token;
    }

    /** The child: one activity. */
    public static class Child implements SoakChild {
        private final SoakActivities activities = Workflow.newActivityStub(SoakActivities.class, ACTIVITY_OPTIONS);

        @Override
        public long add(int n) {
            return activities.offset(n);
        }
    }
}
