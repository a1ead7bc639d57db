package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Long polls as a worker sees them on the wire: they answer (empty) before the caller's deadline, and a poll the
 * caller gave up on does not take the next task with it. Handlers run on other threads than the gRPC server's
 * (see {@code HandlerDispatch}), so the caller's deadline and cancellation must travel with them.
 */
@QuarkusTest
public class LongPollTest extends SdkTestSupport {

    private PollWorkflowTaskQueueRequest poll(String identity) {
        return PollWorkflowTaskQueueRequest.newBuilder().setNamespace(NAMESPACE)
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).setIdentity(identity).build();
    }

    @Test
    void anEmptyPollAnswersBeforeTheCallersDeadline() {
        long began = System.nanoTime();

        PollWorkflowTaskQueueResponse response = rawStub().withDeadlineAfter(3, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(poll("deadline-poller"));

        // an empty answer (not DEADLINE_EXCEEDED), about a second before the 3 s deadline rather than after 60 s
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertThat(response.getTaskToken().isEmpty()).isTrue();
        assertThat(tookMillis).isBetween(1000L, 2900L);
    }

    @Test
    void aPollTheWorkerCancelledDoesNotTakeTheNextTask() throws Exception {
        // given a poll parked on the empty queue (its poller is listed), which the worker then cancels
        Context.CancellableContext call = Context.current().withCancellation();
        ListenableFuture<PollWorkflowTaskQueueResponse> abandoned = call.call(() -> service.futureStub()
                .withDeadlineAfter(30, TimeUnit.SECONDS).pollWorkflowTaskQueue(poll("gone-poller")));
        Poll.until(Duration.ofSeconds(10), () -> rawStub().describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                        .setNamespace(NAMESPACE).setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                        .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW).build())
                .getPollersList().stream().anyMatch(p -> p.getIdentity().equals("gone-poller")),
                "the first poll to reach the queue");
        call.cancel(null);
        try {
            abandoned.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.CANCELLED);
        }

        // when a workflow starts on that queue
        String workflowId = "long-poll-" + UUID.randomUUID();
        rawStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder().setNamespace(NAMESPACE)
                .setWorkflowId(workflowId).setWorkflowType(WorkflowType.newBuilder().setName("AnyType"))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).setRequestId(UUID.randomUUID().toString())
                .build());

        // then the next poll gets its first workflow task right away, not after the cancelled poll's deadline
        PollWorkflowTaskQueueResponse task;
        try {
            task = rawStub().withDeadlineAfter(10, TimeUnit.SECONDS).pollWorkflowTaskQueue(poll("next-poller"));
        } catch (StatusRuntimeException e) {
            throw new AssertionError("the next poll got no task: " + e.getStatus(), e);
        }
        assertThat(task.getTaskToken().isEmpty()).isFalse();
        assertThat(task.getWorkflowExecution().getWorkflowId()).isEqualTo(workflowId);
    }
}
