package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Context;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One connection carries everything an SDK process sends: its workers' long polls, its clients' result waits
 * (each a long poll of history), and every other call. Like Temporal's server, the data plane must not cap the
 * calls in flight on a connection so low that parked long polls hold up the rest.
 */
@QuarkusTest
public class ConcurrentStreamsTest extends SdkTestSupport {

    @Test
    void aCallIsAnsweredAtOnceWhileHundredsOfLongPollsWaitOnTheSameConnection() throws Exception {
        // given 300 polls parked on an empty queue, all on the test's one connection
        Context.CancellableContext polls = Context.current().withCancellation();
        List<ListenableFuture<PollWorkflowTaskQueueResponse>> parked = new ArrayList<>();
        try {
            polls.run(() -> {
                for (int i = 0; i < 300; i++) {
                    parked.add(service.futureStub().withDeadlineAfter(30, TimeUnit.SECONDS).pollWorkflowTaskQueue(
                            PollWorkflowTaskQueueRequest.newBuilder().setNamespace(NAMESPACE)
                                    .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                                    .setIdentity("parked-" + i).build()));
                }
            });

            // when another call goes out on that connection
            long began = System.nanoTime();
            rawStub().withDeadlineAfter(20, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());

            // then it is answered right away, not when polls give up (an HTTP/2 stream limit would queue it)
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isLessThan(5_000);
            assertThat(parked).noneMatch(java.util.concurrent.Future::isDone);
        } finally {
            polls.cancel(null);
        }
    }
}
