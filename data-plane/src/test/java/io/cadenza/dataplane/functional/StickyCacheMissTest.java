package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.functional.support.TextActivities;
import io.cadenza.dataplane.functional.support.TextActivitiesImpl;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that evicted a run from its cache and then gets the run's next task on its sticky queue (partial
 * history) re-reads the whole history and expects it to end with the task's WorkflowTaskStarted event. That event
 * lives in memory until the task closes, so plain history reads must include it, or the SDK fails the task.
 */
@QuarkusTest
public class StickyCacheMissTest extends SdkTestSupport {

    @WorkflowInterface
    public interface ThreeStepWorkflow {
        @WorkflowMethod
        String run(String text);
    }

    public static class ThreeStepWorkflowImpl implements ThreeStepWorkflow {
        private final TextActivities activities = Workflow.newActivityStub(TextActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String run(String text) {
            return activities.upper(text) + activities.upper("-") + activities.upper(text);
        }
    }

    private WorkerFactory tinyCache;

    @AfterEach
    void stop() throws InterruptedException {
        if (tinyCache != null) {
            tinyCache.shutdownNow();
            tinyCache.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPlainHistoryReadEndsWithTheStartedEventOfTheTaskAWorkerHolds() {
        // given a worker holding a run's first workflow task
        String workflowId = uniqueId("held");
        rawStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder().setNamespace(NAMESPACE)
                .setWorkflowId(workflowId).setRequestId(UUID.randomUUID().toString())
                .setWorkflowType(WorkflowType.newBuilder().setName("ThreeStepWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).build());
        PollWorkflowTaskQueueResponse task = rawStub().withDeadlineAfter(15, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest.newBuilder().setNamespace(NAMESPACE)
                        .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).setIdentity("holder").build());

        // when its history is read without a page token (what the SDK does after a cache miss)
        List<HistoryEvent> events = rawStub().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest
                .newBuilder().setNamespace(NAMESPACE).setExecution(WorkflowExecution.newBuilder()
                        .setWorkflowId(workflowId)).build()).getHistory().getEventsList();

        // then it ends with the task's started event, as the task said
        HistoryEvent last = events.get(events.size() - 1);
        assertThat(last.getEventType()).isEqualTo(EVENT_TYPE_WORKFLOW_TASK_STARTED);
        assertThat(last.getEventId()).isEqualTo(task.getStartedEventId());
        assertThat(events.get(events.size() - 2).getEventType()).isEqualTo(EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
    }

    @Test
    void workflowsThatKeepFallingOutOfAOneRunCacheNeverFailATask() throws Exception {
        // given a worker whose cache holds one run, and four runs that take turns
        tinyCache = newFactory(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(1).build());
        Worker worker = tinyCache.newWorker(taskQueue);
        worker.registerWorkflowImplementationTypes(ThreeStepWorkflowImpl.class);
        worker.registerActivitiesImplementations(new TextActivitiesImpl());
        tinyCache.start();
        List<ThreeStepWorkflow> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ThreeStepWorkflow run = newWorkflow(ThreeStepWorkflow.class);
            WorkflowClient.start(run::run, "run" + i);
            runs.add(run);
        }

        // then each completes, and none of their workflow tasks failed on a cache miss
        for (int i = 0; i < runs.size(); i++) {
            WorkflowStub stub = WorkflowStub.fromTyped(runs.get(i));
            assertThat(stub.getResult(30, TimeUnit.SECONDS, String.class)).isEqualTo("RUN" + i + "-RUN" + i);
            assertThat(historyOfType(stub.getExecution().getWorkflowId(), EVENT_TYPE_WORKFLOW_TASK_FAILED))
                    .as("failed workflow tasks of run %d", i).isEmpty();
        }
    }
}
