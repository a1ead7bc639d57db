package io.cadenza.dataplane.crash;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The crash test's workload: a timer, two activities, another timer; the result is derived from the input. */
public final class CrashWorkload {

    /** Activities and timers per workflow; the history must hold exactly these many of each, crash or not. */
    static final int ACTIVITIES_PER_WORKFLOW = 2;

    static final int TIMERS_PER_WORKFLOW = 2;

    private CrashWorkload() {}

    static String expectedResult(int n) {
        return "workflow-" + n + "=" + (2 * n + 7);
    }

    @WorkflowInterface
    public interface TimerActivityWorkflow {
        @WorkflowMethod
        String run(int n);
    }

    @ActivityInterface
    public interface Steps {
        int doubleIt(int n);

        int addSeven(int n);
    }

    public static class TimerActivityWorkflowImpl implements TimerActivityWorkflow {
        private final Steps steps =
                Workflow.newActivityStub(
                        Steps.class,
                        ActivityOptions.newBuilder()
                                // Short, so an activity whose completion died with the server is retried soon.
                                .setStartToCloseTimeout(Duration.ofSeconds(10))
                                .setRetryOptions(
                                        RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200)).build())
                                .build());

        @Override
        public String run(int n) {
            Workflow.sleep(Duration.ofMillis(1000 + (n % 5) * 250L));
            int doubled = steps.doubleIt(n);
            int result = steps.addSeven(doubled);
            Workflow.sleep(Duration.ofMillis(500 + (n % 3) * 250L));
            return "workflow-" + n + "=" + result;
        }
    }

    /** Counts completed activity executions, so the test knows how far the workload got before the crash. */
    public static class CountingSteps implements Steps {
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger secondStepsCompleted = new AtomicInteger();

        @Override
        public int doubleIt(int n) {
            completed.incrementAndGet();
            return 2 * n;
        }

        @Override
        public int addSeven(int n) {
            completed.incrementAndGet();
            secondStepsCompleted.incrementAndGet();
            return n + 7;
        }
    }
}
