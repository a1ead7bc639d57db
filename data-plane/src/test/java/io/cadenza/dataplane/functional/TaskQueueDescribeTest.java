package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.functional.support.TextActivitiesImpl;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.DescribeTaskQueueMode;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.taskqueue.v1.TaskQueueTypeInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DescribeTaskQueue against a live SDK worker: its pollers (identity, last access, rate limit; a worker's sticky
 * queue folded into it), and the backlog (count and age) growing while no worker polls, draining when one does.
 */
@QuarkusTest
public class TaskQueueDescribeTest extends SdkTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aLiveWorkerIsListedOnceWithItsRateAndTheBacklogGrowsWhileItIsStopped() throws Exception {
        // given a worker polling workflow and activity tasks, its activities limited to 5 per second
        newWorkerWithRate();
        startWorkers();
        String identity = client.getOptions().getIdentity();
        // a run it completes, so that it also polls its sticky queue
        GateWorkflow done = newWorkflow(GateWorkflow.class);
        String doneId = WorkflowClient.start(done::pass, "x").getWorkflowId();
        done.open("y");
        assertThat(client.newUntypedWorkflowStub(doneId).getResult(String.class)).isEqualTo("x:y");

        // then it is one poller of each queue type; its sticky queue is no separate poller
        List<PollerInfo> workflowPollers = Poll.untilValue(TIMEOUT, () -> {
            List<PollerInfo> p = describe(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW).getPollersList();
            return p.isEmpty() ? null : p;
        }, "a workflow poller");
        assertThat(workflowPollers).extracting(PollerInfo::getIdentity).containsExactly(identity);
        assertThat(Protos.millis(workflowPollers.get(0).getLastAccessTime()))
                .isGreaterThan(System.currentTimeMillis() - 120_000);
        List<PollerInfo> activityPollers = Poll.untilValue(TIMEOUT, () -> {
            List<PollerInfo> p = describe(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY).getPollersList();
            return p.isEmpty() ? null : p;
        }, "an activity poller");
        assertThat(activityPollers).extracting(PollerInfo::getIdentity).containsExactly(identity);
        assertThat(activityPollers.get(0).getRatePerSecond()).isEqualTo(5.0);

        // when the worker stops and three workflows are started
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GateWorkflow w = newWorkflow(GateWorkflow.class);
            waiting.add(WorkflowClient.start(w::pass, "w" + i).getWorkflowId());
        }

        // then the backlog holds their three workflow tasks, ageing
        DescribeTaskQueueResponse backlog = Poll.untilValue(TIMEOUT, () -> {
            DescribeTaskQueueResponse r = describe(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW);
            return r.getStats().getApproximateBacklogCount() == 3 ? r : null;
        }, "a backlog of 3 workflow tasks");
        assertThat(backlog.getTaskQueueStatus().getBacklogCountHint()).isEqualTo(3);
        long firstAge = Protos.millis(backlog.getStats().getApproximateBacklogAge());
        Poll.until(TIMEOUT, () -> Protos.millis(describe(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW).getStats()
                .getApproximateBacklogAge()) > firstAge + 200, "the backlog ageing");
        // the enhanced form says the same per queue type
        DescribeTaskQueueResponse enhanced = rawStub().describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                .setNamespace(NAMESPACE).setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                .setApiMode(DescribeTaskQueueMode.DESCRIBE_TASK_QUEUE_MODE_ENHANCED).setReportPollers(true)
                .setReportStats(true).build());
        TaskQueueTypeInfo workflowInfo = enhanced.getVersionsInfoOrThrow("").getTypesInfoOrThrow(
                TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW_VALUE);
        assertThat(workflowInfo.getStats().getApproximateBacklogCount()).isEqualTo(3);
        assertThat(workflowInfo.getPollersList()).extracting(PollerInfo::getIdentity).containsExactly(identity);
        assertThat(enhanced.getVersionsInfoOrThrow("").getTypesInfoOrThrow(
                TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY_VALUE).getStats().getApproximateBacklogCount()).isZero();

        // and a new worker drains it
        factory = WorkerFactory.newInstance(client);
        newWorkerWithRate();
        startWorkers();
        Poll.until(TIMEOUT, () -> describe(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW).getStats()
                .getApproximateBacklogCount() == 0, "the backlog drained");
        assertThat(Protos.millis(describe(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW).getStats()
                .getApproximateBacklogAge())).isZero();
        for (String id : waiting) {
            client.newWorkflowStub(GateWorkflow.class, id).open("go");
        }
    }

    private void newWorkerWithRate() {
        var worker = factory.newWorker(taskQueue, WorkerOptions.newBuilder()
                .setMaxTaskQueueActivitiesPerSecond(5).build());
        worker.registerWorkflowImplementationTypes(GateWorkflowImpl.class);
        worker.registerActivitiesImplementations(new TextActivitiesImpl());
    }

    private DescribeTaskQueueResponse describe(TaskQueueType type) {
        return rawStub().describeTaskQueue(DescribeTaskQueueRequest.newBuilder().setNamespace(NAMESPACE)
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).setTaskQueueType(type)
                .setReportStats(true).setIncludeTaskQueueStatus(true).build());
    }
}
