package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that dies mid-workflow is replaced by another on the same task queue: the workflow task meant for the dead
 * worker's sticky queue falls back to the normal queue, and the new worker replays the full history.
 */
@QuarkusTest
public class WorkerReplacementTest extends SdkTestSupport {

    @WorkflowInterface
    public interface TwoStepWorkflow {
        /** Runs step one, waits for the go signal, runs step two; returns who did what. */
        @WorkflowMethod
        String run(String job);

        @SignalMethod
        void go(String by);
    }

    @ActivityInterface
    public interface StepActivities {
        String step(String description);
    }

    public static class TwoStepWorkflowImpl implements TwoStepWorkflow {
        private final StepActivities steps =
                Workflow.newActivityStub(
                        StepActivities.class,
                        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
        private String goBy;

        @Override
        public String run(String job) {
            String first = steps.step(job + " step 1");
            Workflow.await(() -> goBy != null);
            String second = steps.step(job + " step 2");
            return first + ", go by " + goBy + ", " + second;
        }

        @Override
        public void go(String by) {
            goBy = by;
        }
    }

    /** Tags each result with the worker that ran it. */
    public record StepActivitiesImpl(String workerName) implements StepActivities {
        @Override
        public String step(String description) {
            return description + " on " + workerName;
        }
    }

    private WorkerFactory factoryA;
    private WorkerFactory factoryB;

    @AfterEach
    void stopFactories() throws InterruptedException {
        for (WorkerFactory factory : new WorkerFactory[] {factoryA, factoryB}) {
            if (factory != null) {
                factory.shutdownNow();
                factory.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void replacementWorkerFinishesTheWorkflowFromHistory() throws Exception {
        // given worker A, with a sticky cache and a short sticky schedule-to-start timeout, ran step 1 and is waiting
        // for the signal
        factoryA = startFactory("A");
        TwoStepWorkflow workflow = newWorkflow(TwoStepWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::run, "job-1").getWorkflowId();
        awaitWorkflowTaskAfterStepOne(workflowId);

        // when A dies, B starts on the same task queue, and the signal arrives
        factoryA.shutdownNow();
        factoryA.awaitTermination(10, TimeUnit.SECONDS);
        assertThat(factoryA.isTerminated()).as("worker A stopped").isTrue();
        factoryB = startFactory("B");
        workflow.go("operator");

        // then B completes the workflow, knowing A's step-1 result from the history, within a few sticky timeouts
        String result = WorkflowStub.fromTyped(workflow).getResult(10, TimeUnit.SECONDS, String.class);
        assertThat(result).isEqualTo("job-1 step 1 on A, go by operator, job-1 step 2 on B");

        // and no workflow task was handed to the dead worker: that would show as a start-to-close timeout (and cost
        // the 10 s workflow task timeout, which the deadline above does not allow)
        assertThat(historyOfType(workflowId, EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT))
                .extracting(event -> event.getWorkflowTaskTimedOutEventAttributes().getTimeoutType())
                .doesNotContain(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE);
    }

    private WorkerFactory startFactory(String name) {
        WorkerFactory factory = newFactory(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(100).build());
        Worker worker =
                factory.newWorker(
                        taskQueue,
                        WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ofSeconds(1)).build());
        worker.registerWorkflowImplementationTypes(TwoStepWorkflowImpl.class);
        worker.registerActivitiesImplementations(new StepActivitiesImpl(name));
        factory.start();
        return factory;
    }

    /** Step 1's result was handed to the workflow, which then blocked on the signal (its cached state lives in A). */
    private void awaitWorkflowTaskAfterStepOne(String workflowId) {
        Poll.until(
                Duration.ofSeconds(10),
                () -> {
                    List<EventType> types = eventTypes(workflowId);
                    int stepOneCompleted = types.indexOf(EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
                    return stepOneCompleted >= 0
                            && types.subList(stepOneCompleted, types.size())
                                    .contains(EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
                },
                "workflow task after step 1 completed in " + workflowId);
    }
}
