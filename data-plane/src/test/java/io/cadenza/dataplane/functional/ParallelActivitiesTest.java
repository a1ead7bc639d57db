package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Activities started together run concurrently, and the workflow collects every result. */
@QuarkusTest
public class ParallelActivitiesTest extends SdkTestSupport {

    static final int FAN_OUT = 10;

    @WorkflowInterface
    public interface FanOutWorkflow {
        @WorkflowMethod
        List<Integer> squares(int count);
    }

    @ActivityInterface
    public interface MathActivities {
        int square(int value);
    }

    public static class FanOutWorkflowImpl implements FanOutWorkflow {
        private final MathActivities math =
                Workflow.newActivityStub(
                        MathActivities.class,
                        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

        @Override
        public List<Integer> squares(int count) {
            List<Promise<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(Async.function(math::square, i));
            }
            Promise.allOf(results).get();
            return results.stream().map(Promise::get).collect(Collectors.toList());
        }
    }

    /** Each call waits until all {@value FAN_OUT} calls are running: only succeeds if they run at the same time. */
    public static class RendezvousMathActivities implements MathActivities {
        final CountDownLatch allRunning = new CountDownLatch(FAN_OUT);

        @Override
        public int square(int value) {
            allRunning.countDown();
            try {
                if (!allRunning.await(20, TimeUnit.SECONDS)) {
                    long running = FAN_OUT - allRunning.getCount();
                    throw new IllegalStateException("only " + running + " activities ran at once");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return value * value;
        }
    }

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(FanOutWorkflowImpl.class);
        worker.registerActivitiesImplementations(new RendezvousMathActivities());
        startWorkers();
    }

    @Test
    void allParallelActivityResultsAreCollected() {
        // given a workflow that starts ten activities at once and waits for all of them
        FanOutWorkflow workflow = newWorkflow(FanOutWorkflow.class);

        // when
        List<Integer> squares = workflow.squares(FAN_OUT);

        // then every result arrived, each in its own position (the activities met, so they ran concurrently)
        assertThat(squares).containsExactlyElementsOf(IntStream.range(0, FAN_OUT).map(i -> i * i).boxed().toList());
    }

    @Test
    void allActivitiesAreScheduledByOneWorkflowTask() {
        // given
        FanOutWorkflow workflow = newWorkflow(FanOutWorkflow.class);

        // when
        workflow.squares(FAN_OUT);

        // then ten activities were scheduled by the same workflow task completion, and each completed once
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        List<HistoryEvent> scheduled = historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
        assertThat(scheduled).hasSize(FAN_OUT);
        assertThat(
                        scheduled.stream()
                                .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
                                .map(attributes -> attributes.getWorkflowTaskCompletedEventId())
                                .distinct())
                .hasSize(1);
        assertThat(
                        historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_COMPLETED).stream()
                                .map(event -> event.getActivityTaskCompletedEventAttributes().getScheduledEventId())
                                .distinct())
                .hasSize(FAN_OUT);
    }
}
