package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskInfo;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.PendingWorkflowTaskState;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingWorkflowTaskInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionConfig;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/** DescribeWorkflowExecution: status, configuration, pending activities and the pending workflow task. */
@ApplicationScoped
public class DescribeWorkflowHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;

    public DescribeWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces) {
        this.manager = manager;
        this.namespaces = namespaces;
    }

    public CompletableFuture<DescribeWorkflowExecutionResponse> describe(DescribeWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return Executions.resolve(manager, ns, request.getExecution()).thenCompose(key -> manager.read(key, s -> {
            TaskQueue queue = TaskQueue.newBuilder().setName(s.info().taskQueue)
                    .setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL).build();
            WorkflowExecutionInfo.Builder info = WorkflowExecutionInfo.newBuilder()
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(key.workflowId()).setRunId(key.runId()))
                    .setType(WorkflowType.newBuilder().setName(s.info().workflowType))
                    .setStartTime(Protos.timestamp(s.info().startTimeMillis))
                    .setExecutionTime(Protos.timestamp(s.info().executionTimeMillis))
                    .setStatus(s.statusEnum())
                    .setHistoryLength(s.nextEventId() - 1)
                    .setHistorySizeBytes(s.historySizeBytes())
                    .setTaskQueue(s.info().taskQueue)
                    .setStateTransitionCount(s.stateTransitionCount())
                    .setFirstRunId(s.info().firstRunId)
                    .setMemo(Protos.parse(Memo.parser(), s.memoBytes(), Memo.getDefaultInstance()))
                    .setSearchAttributes(Protos.parse(SearchAttributes.parser(), s.searchAttributesBytes(),
                            SearchAttributes.getDefaultInstance()));
            if (s.closeTimeMillis() > 0) {
                info.setCloseTime(Protos.timestamp(s.closeTimeMillis()))
                        .setExecutionDuration(Protos.duration(s.closeTimeMillis() - s.info().executionTimeMillis));
            }
            DescribeWorkflowExecutionResponse.Builder r = DescribeWorkflowExecutionResponse.newBuilder()
                    .setWorkflowExecutionInfo(info)
                    .setExecutionConfig(WorkflowExecutionConfig.newBuilder().setTaskQueue(queue)
                            .setWorkflowExecutionTimeout(Protos.duration(s.info().executionTimeoutMillis))
                            .setWorkflowRunTimeout(Protos.duration(s.info().runTimeoutMillis))
                            .setDefaultWorkflowTaskTimeout(Protos.duration(s.info().workflowTaskTimeoutMillis)));
            for (ActivityInfo a : s.pendingActivities()) {
                r.addPendingActivities(pendingActivity(a));
            }
            for (var child : s.pendingChildren()) {
                r.addPendingChildren(io.temporal.api.workflow.v1.PendingChildExecutionInfo.newBuilder()
                        .setWorkflowId(child.workflowId)
                        .setRunId(child.runId == null ? "" : child.runId)
                        .setWorkflowTypeName(child.workflowType)
                        .setInitiatedId(child.initiatedEventId)
                        .setParentClosePolicy(io.temporal.api.enums.v1.ParentClosePolicy.forNumber(
                                child.parentClosePolicy)));
            }
            if (s.info().parent != null) {
                info.setParentNamespaceId(s.info().parent.namespaceId)
                        .setParentExecution(WorkflowExecution.newBuilder().setWorkflowId(s.info().parent.workflowId)
                                .setRunId(s.info().parent.runId));
                r.setWorkflowExecutionInfo(info);
            }
            WorkflowTaskInfo wt = s.pendingWorkflowTask();
            if (wt != null) {
                PendingWorkflowTaskInfo.Builder p = PendingWorkflowTaskInfo.newBuilder()
                        .setState(wt.isStarted() ? PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED
                                : PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED)
                        .setScheduledTime(Protos.timestamp(wt.scheduledTimeMillis))
                        .setOriginalScheduledTime(Protos.timestamp(wt.scheduledTimeMillis))
                        .setAttempt(wt.attempt);
                if (wt.isStarted()) {
                    p.setStartedTime(Protos.timestamp(wt.startedTimeMillis));
                }
                r.setPendingWorkflowTask(p);
            }
            return r.build();
        }));
    }

    private static PendingActivityInfo pendingActivity(ActivityInfo a) {
        var attrs = a.attributes();
        PendingActivityState state = a.cancelRequested ? PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED
                : a.state == ActivityState.STARTED ? PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                : PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED;
        PendingActivityInfo.Builder p = PendingActivityInfo.newBuilder()
                .setActivityId(a.activityId)
                .setActivityType(attrs.getActivityType())
                .setState(state)
                .setAttempt(a.attempt)
                .setMaximumAttempts(attrs.getRetryPolicy().getMaximumAttempts())
                .setScheduledTime(Protos.timestamp(a.attemptScheduledTimeMillis))
                .setHeartbeatDetails(ActivityTransitions.heartbeatDetails(a));
        long scheduleToClose = Protos.millis(attrs.getScheduleToCloseTimeout());
        if (scheduleToClose > 0) {
            p.setExpirationTime(Protos.timestamp(a.firstScheduledTimeMillis + scheduleToClose));
        }
        if (a.lastHeartbeatMillis > 0) {
            p.setLastHeartbeatTime(Protos.timestamp(a.lastHeartbeatMillis));
        }
        if (a.state == ActivityState.STARTED) {
            p.setLastStartedTime(Protos.timestamp(a.startedTimeMillis));
        }
        Failure last = ActivityTransitions.lastFailure(a);
        if (last != null) {
            p.setLastFailure(last);
        }
        if (a.lastWorkerIdentity != null) {
            p.setLastWorkerIdentity(a.lastWorkerIdentity);
        }
        return p.build();
    }
}
