package io.cadenza.dataplane.cell;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cadenza.dataplane.execution.TaskToken;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.cadenza.dataplane.schedule.ScheduleManager;
import java.util.Optional;

/**
 * Where a WorkflowService call belongs in a cell of several instances: calls on a run (by workflow id, execution
 * or task token), a standalone activity, a batch job or a namespace's schedules go to the instance holding that
 * shard; polls and task-queue calls to the queue's owner; everything else (visibility, namespaces, system info) is
 * answered by whichever instance got it, from the database. Pure: it reads the request through protobuf field
 * names, so every RPC that names a run is routed alike.
 */
public final class CallRoute {

    /** The shard whose holder answers the call, or the task queue whose owner does; neither: answer here. */
    public record Target(int shard, String namespaceId, String queue, boolean activityQueue) {
        public static final Target HERE = new Target(-1, null, null, false);

        public boolean local() {
            return shard < 0 && queue == null;
        }

        public boolean byQueue() {
            return queue != null;
        }
    }

    private final NamespaceRegistry namespaces;
    private final ShardLeases shards;

    public CallRoute(NamespaceRegistry namespaces, ShardLeases shards) {
        this.namespaces = namespaces;
        this.shards = shards;
    }

    /** The target of {@code method} (the bare method name) with {@code request}. */
    public Target of(String method, Message request) {
        Optional<String> nsId = namespaceId(request);
        if (nsId.isEmpty()) {
            return Target.HERE;
        }
        String ns = nsId.get();
        switch (method) {
            case "PollWorkflowTaskQueue", "PollActivityTaskQueue", "DescribeTaskQueue", "ShutdownWorker" -> {
                return queueTarget(method, ns, request);
            }
            case "ListWorkflowExecutions", "ListOpenWorkflowExecutions", "ListClosedWorkflowExecutions",
                 "CountWorkflowExecutions", "ScanWorkflowExecutions", "ListArchivedWorkflowExecutions",
                 "ListBatchOperations", "ListActivityExecutions", "CountActivityExecutions" -> {
                return Target.HERE; // visibility reads go to the database
            }
            default -> {
            }
        }
        if (method.contains("Schedule") && !method.equals("ResetStickyTaskQueue")) {
            return new Target(shards.shardOf(ns, ScheduleManager.shardKey()), ns, null, false);
        }
        if (method.endsWith("BatchOperation")) {
            String job = string(request, "job_id");
            return job.isEmpty() ? Target.HERE : new Target(shards.shardOf(ns, "batch:" + job), ns, null, false);
        }
        ByteString token = bytes(request, "task_token");
        if (!token.isEmpty()) {
            try {
                TaskToken t = TaskToken.decode(token, null);
                return t.kind() == TaskToken.Kind.STANDALONE_ACTIVITY
                        ? new Target(shards.shardOf(t.namespaceId(), "activity:" + t.workflowId()), ns, null, false)
                        : new Target(shards.shardOf(t.namespaceId(), t.workflowId()), ns, null, false);
            } catch (RuntimeException malformed) {
                return Target.HERE; // the handler answers INVALID_ARGUMENT
            }
        }
        String workflowId = workflowId(request);
        if (!workflowId.isEmpty()) {
            return new Target(shards.shardOf(ns, workflowId), ns, null, false);
        }
        String activityId = string(request, "activity_id");
        if (!activityId.isEmpty()) {
            return new Target(shards.shardOf(ns, "activity:" + activityId), ns, null, false);
        }
        return Target.HERE;
    }

    private Target queueTarget(String method, String ns, Message request) {
        if (method.equals("ShutdownWorker")) {
            String sticky = string(request, "sticky_task_queue");
            return sticky.isEmpty() ? Target.HERE : new Target(-1, ns, sticky, false);
        }
        Object queue = field(request, "task_queue");
        if (!(queue instanceof Message q)) {
            return Target.HERE;
        }
        String name = string(q, "name");
        if (name.isEmpty()) {
            return Target.HERE;
        }
        boolean activity = method.equals("PollActivityTaskQueue")
                || method.equals("DescribeTaskQueue") && number(request, "task_queue_type") == 2;
        return new Target(-1, ns, name, activity);
    }

    private Optional<String> namespaceId(Message request) {
        String name = string(request, "namespace");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            Namespace ns = namespaces.byName(name);
            return Optional.of(ns.id());
        } catch (RuntimeException unknown) {
            return Optional.empty(); // the handler answers NOT_FOUND
        }
    }

    private static String workflowId(Message request) {
        for (String name : new String[]{"workflow_execution", "execution"}) {
            if (field(request, name) instanceof Message m) {
                String id = string(m, "workflow_id");
                if (!id.isEmpty()) {
                    return id;
                }
            }
        }
        if (field(request, "update_ref") instanceof Message ref && field(ref, "workflow_execution") instanceof Message m) {
            String id = string(m, "workflow_id");
            if (!id.isEmpty()) {
                return id;
            }
        }
        return string(request, "workflow_id");
    }

    private static Object field(Message m, String name) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
        if (f == null || f.isRepeated() || f.getType() == FieldDescriptor.Type.MESSAGE && !m.hasField(f)) {
            return null;
        }
        return m.getField(f);
    }

    private static String string(Message m, String name) {
        return field(m, name) instanceof String s ? s : "";
    }

    private static ByteString bytes(Message m, String name) {
        return field(m, name) instanceof ByteString b ? b : ByteString.EMPTY;
    }

    private static int number(Message m, String name) {
        Object v = field(m, name);
        if (v instanceof com.google.protobuf.Descriptors.EnumValueDescriptor e) {
            return e.getNumber();
        }
        return v instanceof Integer i ? i : 0;
    }
}
