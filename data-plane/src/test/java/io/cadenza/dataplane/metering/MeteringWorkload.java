package io.cadenza.dataplane.metering;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A workflow with a known mix of billable things: an activity that fails once and is retried, a timer, two local
 * activities, a signal, a query, an accepted and a rejected update, a child (with an activity) and a
 * continue-as-new; and a workflow started by signal-with-start.
 */
public final class MeteringWorkload {

    private MeteringWorkload() {
    }

    @ActivityInterface
    public interface Steps {
        /** Fails its first attempt for each {@code key}. */
        String flaky(String key);

        String step(String name);
    }

    public static final class StepsImpl implements Steps {
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @Override
        public String flaky(String key) {
            if (attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw ApplicationFailure.newFailure("first attempt fails", "Flaky");
            }
            return "ok:" + key;
        }

        @Override
        public String step(String name) {
            return "done:" + name;
        }
    }

    @WorkflowInterface
    public interface OrderWorkflow {
        /** Round 0 does the work and continues as new; round 1 completes. */
        @WorkflowMethod
        String run(int round);

        @SignalMethod
        void go();

        @UpdateMethod
        int add(String item);

        @UpdateValidatorMethod(updateName = "add")
        void validateAdd(String item);

        @QueryMethod
        int items();
    }

    @WorkflowInterface
    public interface PackWorkflow {
        @WorkflowMethod
        String run();
    }

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String run();

        @SignalMethod
        void greet(String name);
    }

    private static ActivityOptions activityOptions() {
        return ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(20))
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100))
                        .setBackoffCoefficient(1.0).setMaximumAttempts(5).build())
                .build();
    }

    public static final class OrderWorkflowImpl implements OrderWorkflow {
        private final Steps steps = Workflow.newActivityStub(Steps.class, activityOptions());
        private final Steps local = Workflow.newLocalActivityStub(Steps.class,
                LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
        private final List<String> items = new ArrayList<>();
        private boolean go;

        @Override
        public String run(int round) {
            if (round > 0) {
                return "continued with " + items.size() + " items";
            }
            steps.flaky(Workflow.getInfo().getWorkflowId());
            Workflow.sleep(Duration.ofMillis(100));
            local.step("a");
            local.step("b");
            Workflow.await(() -> go);
            Workflow.newChildWorkflowStub(PackWorkflow.class, ChildWorkflowOptions.newBuilder()
                    .setWorkflowId(Workflow.getInfo().getWorkflowId() + "-pack").build()).run();
            Workflow.await(() -> !items.isEmpty());
            Workflow.continueAsNew(1);
            return "unreachable";
        }

        @Override
        public void go() {
            go = true;
        }

        @Override
        public int add(String item) {
            items.add(item);
            return items.size();
        }

        @Override
        public void validateAdd(String item) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("an item needs a name");
            }
        }

        @Override
        public int items() {
            return items.size();
        }
    }

    public static final class PackWorkflowImpl implements PackWorkflow {
        private final Steps steps = Workflow.newActivityStub(Steps.class, activityOptions());

        @Override
        public String run() {
            return steps.step("pack");
        }
    }

    public static final class GreetingWorkflowImpl implements GreetingWorkflow {
        private String name;

        @Override
        public String run() {
            Workflow.await(() -> name != null);
            return "hello " + name;
        }

        @Override
        public void greet(String name) {
            this.name = name;
        }
    }
}
