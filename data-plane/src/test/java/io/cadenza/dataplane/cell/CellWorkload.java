package io.cadenza.dataplane.cell;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The multi-instance cell's workload: a timer, an activity, a child (its own timer and activity, most likely on
 * another shard, so on another instance), a signal the workflow waits for, another timer. The result is derived from
 * the input, so a lost or repeated step shows.
 */
public final class CellWorkload {

    static final int ACTIVITIES_PER_PARENT = 1;
    static final int TIMERS_PER_PARENT = 2;

    private CellWorkload() {
    }

    static int bump(int n) {
        return n % 3 + 1;
    }

    static String expectedResult(int n) {
        return "cell-" + n + "=" + (2 * n + 7 + bump(n));
    }

    @WorkflowInterface
    public interface Parent {
        @WorkflowMethod
        String run(int n);

        @SignalMethod
        void bump(int by);
    }

    @WorkflowInterface
    public interface Child {
        @WorkflowMethod
        int run(int doubled);
    }

    @ActivityInterface
    public interface Steps {
        int doubleIt(int n);

        int addSeven(int n);
    }

    private static Steps steps() {
        return Workflow.newActivityStub(Steps.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200)).build())
                .build());
    }

    public static class ParentImpl implements Parent {
        private int bumped;

        @Override
        public String run(int n) {
            Workflow.sleep(Duration.ofMillis(500 + (n % 5) * 200L));
            int doubled = steps().doubleIt(n);
            Child child = Workflow.newChildWorkflowStub(Child.class, ChildWorkflowOptions.newBuilder()
                    .setWorkflowId(Workflow.getInfo().getWorkflowId() + "-child").build());
            int withSeven = child.run(doubled);
            Workflow.await(() -> bumped > 0);
            Workflow.sleep(Duration.ofMillis(300 + (n % 3) * 200L));
            return "cell-" + n + "=" + (withSeven + bumped);
        }

        @Override
        public void bump(int by) {
            bumped += by;
        }
    }

    public static class ChildImpl implements Child {
        @Override
        public int run(int doubled) {
            Workflow.sleep(Duration.ofMillis(300));
            return steps().addSeven(doubled);
        }
    }

    public static class CountingSteps implements Steps {
        final AtomicInteger completed = new AtomicInteger();

        @Override
        public int doubleIt(int n) {
            completed.incrementAndGet();
            return 2 * n;
        }

        @Override
        public int addSeven(int n) {
            completed.incrementAndGet();
            return n + 7;
        }
    }
}
