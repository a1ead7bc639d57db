package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueueStatus;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;

/** DescribeTaskQueue: the workers that polled a queue in the last minutes, and its backlog. */
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
        TaskQueueManager.Type type = request.getTaskQueueType() == TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY
                ? TaskQueueManager.Type.ACTIVITY : TaskQueueManager.Type.WORKFLOW;
        TaskQueueManager.QueueId queue = new TaskQueueManager.QueueId(ns.id(), name, type);
        DescribeTaskQueueResponse.Builder r = DescribeTaskQueueResponse.newBuilder();
        matching.pollers(queue, clock.millis()).entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(p -> r.addPollers(PollerInfo.newBuilder().setIdentity(p.getKey())
                        .setLastAccessTime(Protos.timestamp(p.getValue()))));
        if (request.getIncludeTaskQueueStatus()) {
            r.setTaskQueueStatus(TaskQueueStatus.newBuilder().setBacklogCountHint(matching.backlog(queue)));
        }
        return r.build();
    }
}
