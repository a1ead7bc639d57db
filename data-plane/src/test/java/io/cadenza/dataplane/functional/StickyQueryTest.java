package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.QueryResultType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.taskqueue.v1.StickyExecutionAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Direct queries go where Temporal sends them: to the sticky queue of the worker that holds the run in its cache,
 * with no history (it answers from its cached state), and, if that worker does not take the query within the
 * sticky schedule-to-start timeout, to the workflow's queue with the full history. Driven on the wire, the test
 * playing the worker, so it sees what each queue hands out.
 */
@QuarkusTest
public class StickyQueryTest extends SdkTestSupport {

    @Test
    void aRunHeldByALiveStickyWorkerIsQueriedOnItsStickyQueueWithoutHistory() throws Exception {
        // given a run whose worker asked for stickiness and keeps polling its sticky queue
        String sticky = uniqueId("sticky");
        WorkflowExecution run = startRunWithStickyWorker(sticky, 5);

        // when the run is queried
        ListenableFuture<QueryWorkflowResponse> query = query(run);

        // then the sticky worker gets the query, without history
        PollWorkflowTaskQueueResponse task = pollSticky(sticky, 10);
        assertThat(task.hasQuery()).isTrue();
        assertThat(task.getQuery().getQueryType()).isEqualTo("state");
        assertThat(task.getHistory().getEventsCount()).isZero();
        assertThat(task.getWorkflowExecution().getRunId()).isEqualTo(run.getRunId());
        // and its answer is the caller's
        answer(task, "from the cache");
        assertThat(query.get(10, TimeUnit.SECONDS).getQueryResult().getPayloads(0).getData().toStringUtf8())
                .isEqualTo("\"from the cache\"");
    }

    @Test
    void aQueryTheStickyWorkerDoesNotTakeGoesToTheWorkflowsQueueWithFullHistory() throws Exception {
        // given a run whose sticky worker polled once and then fell silent (sticky schedule-to-start 1 s)
        String sticky = uniqueId("silent");
        WorkflowExecution run = startRunWithStickyWorker(sticky, 1);

        // when the run is queried
        ListenableFuture<QueryWorkflowResponse> query = query(run);

        // then after the sticky timeout a worker of the workflow's queue gets it, with the whole history to replay
        PollWorkflowTaskQueueResponse task = rawStub().withDeadlineAfter(15, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(poll(taskQueue, TaskQueueKind.TASK_QUEUE_KIND_NORMAL));
        assertThat(task.hasQuery()).isTrue();
        assertThat(task.getHistory().getEvents(0).getEventId()).isEqualTo(1);
        assertThat(task.getHistory().getEventsCount()).isEqualTo(4); // started, scheduled, started, completed
        answer(task, "replayed");
        assertThat(query.get(10, TimeUnit.SECONDS).getQueryResult().getPayloads(0).getData().toStringUtf8())
                .isEqualTo("\"replayed\"");
        // and the query's pointer left on the silent sticky queue is stale: a late poll there gets nothing
        assertThat(pollSticky(sticky, 2).getTaskToken().isEmpty()).isTrue();
    }

    /**
     * Starts a run, completes its first workflow task with no commands while asking for stickiness on
     * {@code sticky}, and polls that sticky queue once (empty): the run is then held by a worker seen polling.
     */
    private WorkflowExecution startRunWithStickyWorker(String sticky, int stickyTimeoutSeconds) {
        String workflowId = uniqueId("sticky-query");
        String runId = rawStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setWorkflowId(workflowId).setRequestId(UUID.randomUUID().toString())
                .setWorkflowType(WorkflowType.newBuilder().setName("GateWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                .setWorkflowTaskTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(10))
                .build()).getRunId();
        PollWorkflowTaskQueueResponse first = rawStub().withDeadlineAfter(15, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(poll(taskQueue, TaskQueueKind.TASK_QUEUE_KIND_NORMAL));
        assertThat(first.getWorkflowExecution().getRunId()).isEqualTo(runId);
        rawStub().respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace(NAMESPACE).setTaskToken(first.getTaskToken()).setIdentity("test-worker")
                .setStickyAttributes(StickyExecutionAttributes.newBuilder()
                        .setWorkerTaskQueue(TaskQueue.newBuilder().setName(sticky)
                                .setKind(TaskQueueKind.TASK_QUEUE_KIND_STICKY).setNormalName(taskQueue))
                        .setScheduleToStartTimeout(com.google.protobuf.Duration.newBuilder()
                                .setSeconds(stickyTimeoutSeconds)))
                .build());
        assertThat(pollSticky(sticky, 2).getTaskToken().isEmpty()).as("nothing on the sticky queue yet").isTrue();
        return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
    }

    private ListenableFuture<QueryWorkflowResponse> query(WorkflowExecution run) {
        return service.futureStub().withDeadlineAfter(20, TimeUnit.SECONDS).queryWorkflow(
                QueryWorkflowRequest.newBuilder().setNamespace(NAMESPACE).setExecution(run)
                        .setQuery(WorkflowQuery.newBuilder().setQueryType("state")).build());
    }

    /** A poll of the sticky queue; with a short deadline it answers empty about a second before it. */
    private PollWorkflowTaskQueueResponse pollSticky(String sticky, int deadlineSeconds) {
        return rawStub().withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(poll(sticky, TaskQueueKind.TASK_QUEUE_KIND_STICKY));
    }

    private PollWorkflowTaskQueueRequest poll(String queue, TaskQueueKind kind) {
        TaskQueue.Builder tq = TaskQueue.newBuilder().setName(queue).setKind(kind);
        if (kind == TaskQueueKind.TASK_QUEUE_KIND_STICKY) {
            tq.setNormalName(taskQueue);
        }
        return PollWorkflowTaskQueueRequest.newBuilder().setNamespace(NAMESPACE).setTaskQueue(tq)
                .setIdentity("test-worker").build();
    }

    private void answer(PollWorkflowTaskQueueResponse task, String value) {
        rawStub().respondQueryTaskCompleted(RespondQueryTaskCompletedRequest.newBuilder().setNamespace(NAMESPACE)
                .setTaskToken(task.getTaskToken()).setCompletedType(QueryResultType.QUERY_RESULT_TYPE_ANSWERED)
                .setQueryResult(Payloads.newBuilder().addPayloads(Payload.newBuilder()
                        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                        .setData(ByteString.copyFromUtf8("\"" + value + "\""))))
                .build());
    }
}
