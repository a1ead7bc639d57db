package io.cadenza.system.ui;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;

/** Workflows the dashboard's workflow actions are tried on. */
public final class ActionWorkflows {

    private ActionWorkflows() {
    }

    /** Waits for signal {@code approve} and completes with who approved; query {@code status} says where it is. */
    @WorkflowInterface
    public interface Waiter {
        @WorkflowMethod
        String run();

        @SignalMethod
        void approve(Map<String, Object> decision);

        @QueryMethod
        String status();
    }

    public static class WaiterImpl implements Waiter {
        private Map<String, Object> decision;

        @Override
        public String run() {
            Workflow.await(() -> decision != null);
            return "approved by " + decision.get("by");
        }

        @Override
        public void approve(Map<String, Object> decision) {
            this.decision = decision;
        }

        @Override
        public String status() {
            return decision == null ? "waiting for approve" : "approved by " + decision.get("by");
        }
    }

    /** Calls an activity that keeps failing, retried every second: it stays pending with a growing attempt. */
    @WorkflowInterface
    public interface Retrying {
        @WorkflowMethod
        String run();
    }

    @ActivityInterface
    public interface Flaky {
        String callDownstream();
    }

    public static class FlakyImpl implements Flaky {
        @Override
        public String callDownstream() {
            throw ApplicationFailure.newFailure("downstream unavailable (attempt "
                    + Activity.getExecutionContext().getInfo().getAttempt() + ")", "DownstreamDown");
        }
    }

    public static class RetryingImpl implements Retrying {
        private final Flaky flaky = Workflow.newActivityStub(Flaky.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(1.0).setMaximumAttempts(100).build())
                .build());

        @Override
        public String run() {
            return flaky.callDownstream();
        }
    }
}
