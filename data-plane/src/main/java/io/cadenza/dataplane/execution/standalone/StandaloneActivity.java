package io.cadenza.dataplane.execution.standalone;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.temporal.api.enums.v1.ActivityExecutionStatus;
import java.io.IOException;

/**
 * One run of a standalone activity (started by StartActivityExecution, not by a workflow): the pending-activity
 * part is the same {@link ActivityInfo} a workflow's activity has (attempts, retries, timeouts, heartbeats), kept
 * after the run closed so Describe still shows its last attempt. Stored as JSON of the fields in
 * {@code standalone_activities.state}. Times are epoch millis.
 */
public final class StandaloneActivity {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String namespaceId;
    public String activityId;
    public String runId;
    /** 1 for the first run of this activity id, then +1 per run (the latest run has the highest). */
    public long runSeq;
    public String startRequestId;
    public String identity;
    /** ActivityExecutionStatus number. */
    public int status = ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_RUNNING_VALUE;
    public ActivityInfo activity;
    public long scheduleTimeMillis;
    /** schedule time + start delay: when the first attempt became due. */
    public long executionTimeMillis;
    public long closeTimeMillis;
    /** Stored forms of the request's search attributes (SearchAttributes bytes and their visibility JSON). */
    public byte[] searchAttributes;
    public String searchAttributesJson = "{}";
    public byte[] userMetadata;
    /** Outcome once closed: Payloads bytes of the result, or Failure bytes. */
    public byte[] result;
    public byte[] failure;
    public String canceledReason;
    public String cancelRequestId;
    public String terminateRequestId;
    public long stateTransitionCount;
    public long totalHeartbeatCount;
    public long lastAttemptCompleteTimeMillis;
    /** Backoff before the current attempt (0 before the first retry). */
    public long currentRetryIntervalMillis;

    @JsonIgnore
    public boolean isRunning() {
        return status == ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_RUNNING_VALUE;
    }

    @JsonIgnore
    public ActivityExecutionStatus statusProto() {
        return ActivityExecutionStatus.forNumber(status);
    }

    @JsonIgnore
    public boolean isStarted() {
        return isRunning() && activity.state == ActivityState.STARTED;
    }

    public byte[] encode() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize standalone activity " + activityId, e);
        }
    }

    /**
     * The stored state. A started attempt is held in memory only (as for workflow activities): read back, it is
     * scheduled again, and the worker that held it can no longer report on it.
     */
    public static StandaloneActivity decode(byte[] bytes) {
        try {
            StandaloneActivity a = MAPPER.readValue(bytes, StandaloneActivity.class);
            if (a.isRunning() && a.activity.state == ActivityState.STARTED) {
                a.activity.transition(ActivityState.Event.LOSE_WORKER);
            }
            return a;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stored standalone activity", e);
        }
    }
}
