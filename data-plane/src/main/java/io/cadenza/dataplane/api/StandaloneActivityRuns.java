package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.RetryPolicies;
import io.cadenza.dataplane.execution.standalone.StandaloneActivity;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.workflowservice.v1.StartActivityExecutionRequest;

/** A new standalone activity run from a StartActivityExecution request. */
public final class StandaloneActivityRuns {

    private StandaloneActivityRuns() {
    }

    /**
     * The run a valid start request creates, with Temporal's timeout defaults applied: without a
     * schedule-to-close timeout there is no overall limit; otherwise schedule-to-start and start-to-close default
     * to it and never exceed it, and a heartbeat timeout never exceeds start-to-close.
     */
    public static StandaloneActivity newRun(StartActivityExecutionRequest req, String namespaceId, String runId,
                                            String requestId, long runSeq, long nowMillis,
                                            String searchAttributesJson) {
        long scheduleToClose = Protos.millis(req.getScheduleToCloseTimeout());
        long scheduleToStart = Protos.millis(req.getScheduleToStartTimeout());
        long startToClose = Protos.millis(req.getStartToCloseTimeout());
        long heartbeat = Protos.millis(req.getHeartbeatTimeout());
        if (scheduleToClose > 0) {
            scheduleToStart = scheduleToStart > 0 ? Math.min(scheduleToStart, scheduleToClose) : scheduleToClose;
            startToClose = startToClose > 0 ? Math.min(startToClose, scheduleToClose) : scheduleToClose;
        }
        if (heartbeat > 0 && startToClose > 0) {
            heartbeat = Math.min(heartbeat, startToClose);
        }
        ActivityTaskScheduledEventAttributes.Builder attrs = ActivityTaskScheduledEventAttributes.newBuilder()
                .setActivityId(req.getActivityId())
                .setActivityType(req.getActivityType())
                .setTaskQueue(req.getTaskQueue())
                .setHeader(req.getHeader())
                .setInput(req.getInput())
                .setScheduleToCloseTimeout(Protos.duration(scheduleToClose))
                .setScheduleToStartTimeout(Protos.duration(scheduleToStart))
                .setStartToCloseTimeout(Protos.duration(startToClose))
                .setHeartbeatTimeout(Protos.duration(heartbeat))
                .setRetryPolicy(RetryPolicies.withDefaults(req.getRetryPolicy()));
        if (req.hasPriority()) {
            attrs.setPriority(req.getPriority());
        }
        ActivityInfo a = new ActivityInfo();
        a.activityId = req.getActivityId();
        a.setAttributes(attrs.build());
        StandaloneActivity s = new StandaloneActivity();
        s.namespaceId = namespaceId;
        s.activityId = req.getActivityId();
        s.runId = runId;
        s.runSeq = runSeq;
        s.startRequestId = requestId;
        s.identity = req.getIdentity();
        s.activity = a;
        s.scheduleTimeMillis = nowMillis;
        s.executionTimeMillis = nowMillis + Math.max(0, Protos.millis(req.getStartDelay()));
        if (req.hasSearchAttributes() && req.getSearchAttributes().getIndexedFieldsCount() > 0) {
            s.searchAttributes = req.getSearchAttributes().toByteArray();
            s.searchAttributesJson = searchAttributesJson;
        }
        if (req.hasUserMetadata()) {
            s.userMetadata = req.getUserMetadata().toByteArray();
        }
        return s;
    }
}
