package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.GetClusterInfoRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class TaskQueueAndClusterTest extends SdkTestSupport {

    @Test
    void describeTaskQueueListsTheWorkersPollingIt() {
        // given a worker polling this test's queue
        newWorker().registerWorkflowImplementationTypes(GateWorkflowImpl.class);
        startWorkers();

        // when / then its identity is reported for the workflow task queue
        String identity = client.getOptions().getIdentity();
        Poll.until(Duration.ofSeconds(10), () -> rawStub().describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                        .setNamespace(NAMESPACE).setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                        .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW).setIncludeTaskQueueStatus(true)
                        .build()).getPollersList().stream().anyMatch(p -> p.getIdentity().equals(identity)),
                "worker " + identity + " listed as a poller");
    }

    @Test
    void reverseHistoryPagesBackFromTheNewestEvent() {
        // given a completed workflow
        newWorker().registerWorkflowImplementationTypes(GateWorkflowImpl.class);
        startWorkers();
        GateWorkflow gate = newWorkflow(GateWorkflow.class);
        WorkflowExecution execution = WorkflowClient.start(gate::pass, "in");
        gate.open("now");
        WorkflowStub.fromTyped(gate).getResult(String.class);
        List<HistoryEvent> forward = history(execution.getWorkflowId());

        // when read newest first, three at a time
        List<HistoryEvent> backward = new ArrayList<>();
        var request = GetWorkflowExecutionHistoryReverseRequest.newBuilder().setNamespace(NAMESPACE)
                .setExecution(execution).setMaximumPageSize(3);
        var page = rawStub().getWorkflowExecutionHistoryReverse(request.build());
        backward.addAll(page.getHistory().getEventsList());
        while (!page.getNextPageToken().isEmpty()) {
            page = rawStub().getWorkflowExecutionHistoryReverse(request.setNextPageToken(page.getNextPageToken()).build());
            backward.addAll(page.getHistory().getEventsList());
        }

        // then it is the history in reverse
        Collections.reverse(backward);
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void clusterInfoDescribesTheCell() {
        var info = rawStub().getClusterInfo(GetClusterInfoRequest.getDefaultInstance());
        assertThat(info.getHistoryShardCount()).isEqualTo(16);
        assertThat(info.getServerVersion()).contains("cadenza");
        assertThat(info.getPersistenceStore()).isEqualTo("postgres");
    }
}
