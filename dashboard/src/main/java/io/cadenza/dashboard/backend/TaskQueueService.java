package io.cadenza.dashboard.backend;

import io.cadenza.dashboard.security.UserToken;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/** A task queue's pollers and backlog, for workflow and activity tasks (DescribeTaskQueue as the user). */
@ApplicationScoped
public class TaskQueueService {

    @Inject
    TemporalChannel temporal;

    /**
     * One kind of tasks on a queue.
     *
     * @param pollers    the workers that polled it recently (sticky queues folded into their worker by the server)
     * @param backlog    tasks waiting for a worker
     * @param backlogAge how long the oldest of them has waited
     */
    public record QueueState(String name, TaskQueueType type, List<PollerInfo> pollers, long backlog,
                             Duration backlogAge) {

        public boolean hasPollers() {
            return !pollers.isEmpty();
        }
    }

    public QueueState describe(UserToken user, String namespace, String queue, TaskQueueType type) {
        DescribeTaskQueueResponse r = TemporalChannel.call("Describing task queue " + queue, () ->
                temporal.stub(user, namespace).describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                        .setNamespace(namespace).setTaskQueue(TaskQueue.newBuilder().setName(queue)
                                .setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                        .setTaskQueueType(type).setReportStats(true).build()));
        long backlog = r.hasStats() ? r.getStats().getApproximateBacklogCount()
                : r.getTaskQueueStatus().getBacklogCountHint();
        Duration age = r.hasStats() ? Duration.ofSeconds(r.getStats().getApproximateBacklogAge().getSeconds(),
                r.getStats().getApproximateBacklogAge().getNanos()) : Duration.ZERO;
        return new QueueState(queue, type, r.getPollersList(), backlog, age);
    }

    /** Workflow and activity tasks of {@code queue}. */
    public List<QueueState> both(UserToken user, String namespace, String queue) {
        return List.of(describe(user, namespace, queue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
                describe(user, namespace, queue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY));
    }
}
