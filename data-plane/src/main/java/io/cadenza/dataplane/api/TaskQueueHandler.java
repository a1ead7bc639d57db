package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.enums.v1.DescribeTaskQueueMode;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueueStats;
import io.temporal.api.taskqueue.v1.TaskQueueStatus;
import io.temporal.api.taskqueue.v1.TaskQueueTypeInfo;
import io.temporal.api.taskqueue.v1.TaskQueueVersionInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * DescribeTaskQueue: the workers that polled a queue in the last minutes (identity, last access, the rate limit
 * they asked for), most recent first, and its backlog (count and age of the oldest waiting task). A worker's
 * sticky queue is folded into the worker: its polls count as the worker polling the queue, and tasks waiting on
 * it count in the queue's backlog. Both the legacy form ({@code pollers}, {@code stats} with {@code report_stats},
 * {@code task_queue_status} with {@code include_task_queue_status}) and the enhanced one ({@code versions_info[""]}
 * per requested task queue type) are answered; the queue has no versioning, so the unversioned entry is all.
 */
@ApplicationScoped
public class TaskQueueHandler {

    private final NamespaceRegistry namespaces;
    private final TaskQueueManager matching;
    private final InstantSource clock;

    public TaskQueueHandler(NamespaceRegistry namespaces, TaskQueueManager matching, InstantSource clock) {
        this.namespaces = namespaces;
        this.matching = matching;
        this.clock = clock;
    }

    public DescribeTaskQueueResponse describe(DescribeTaskQueueRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        String name = Executions.nonEmpty(request.getTaskQueue().getName(), "TaskQueue");
        long now = clock.millis();
        DescribeTaskQueueResponse.Builder r = DescribeTaskQueueResponse.newBuilder();
        if (request.getApiMode() == DescribeTaskQueueMode.DESCRIBE_TASK_QUEUE_MODE_ENHANCED) {
            List<TaskQueueType> types = request.getTaskQueueTypesCount() > 0 ? request.getTaskQueueTypesList()
                    : List.of(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY);
            TaskQueueVersionInfo.Builder unversioned = TaskQueueVersionInfo.newBuilder();
            for (TaskQueueType type : types) {
                TaskQueueManager.QueueId queue = queue(ns, name, type);
                TaskQueueTypeInfo.Builder info = TaskQueueTypeInfo.newBuilder();
                if (request.getReportPollers()) {
                    info.addAllPollers(pollers(queue, now));
                }
                if (request.getReportStats()) {
                    info.setStats(stats(queue, now));
                }
                unversioned.putTypesInfo(type.getNumber(), info.build());
            }
            return r.putVersionsInfo("", unversioned.build()).build();
        }
        TaskQueueManager.QueueId queue = queue(ns, name, request.getTaskQueueType());
        List<PollerInfo> pollers = pollers(queue, now);
        r.addAllPollers(pollers);
        if (request.getReportStats()) {
            r.setStats(stats(queue, now));
        }
        if (request.getIncludeTaskQueueStatus()) {
            double rate = pollers.stream().mapToDouble(PollerInfo::getRatePerSecond).filter(x -> x > 0).min()
                    .orElse(0);
            r.setTaskQueueStatus(TaskQueueStatus.newBuilder().setBacklogCountHint(matching.backlog(queue))
                    .setRatePerSecond(rate));
        }
        return r.build();
    }

    private static TaskQueueManager.QueueId queue(Namespace ns, String name, TaskQueueType type) {
        return new TaskQueueManager.QueueId(ns.id(), name, type == TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY
                ? TaskQueueManager.Type.ACTIVITY : TaskQueueManager.Type.WORKFLOW);
    }

    private List<PollerInfo> pollers(TaskQueueManager.QueueId queue, long now) {
        return matching.pollers(queue, now).entrySet().stream()
                .sorted(Map.Entry.<String, TaskQueueManager.Poller>comparingByValue(
                        (a, b) -> Long.compare(b.lastAccessMillis(), a.lastAccessMillis())))
                .map(p -> PollerInfo.newBuilder().setIdentity(p.getKey())
                        .setLastAccessTime(Protos.timestamp(p.getValue().lastAccessMillis()))
                        .setRatePerSecond(p.getValue().ratePerSecond()).build())
                .toList();
    }

    private TaskQueueStats stats(TaskQueueManager.QueueId queue, long now) {
        long oldest = matching.oldestTaskMillis(queue);
        return TaskQueueStats.newBuilder().setApproximateBacklogCount(matching.backlog(queue))
                .setApproximateBacklogAge(Protos.duration(oldest == 0 ? 0 : Math.max(0, now - oldest))).build();
    }
}
