package io.cadenza.dataplane.execution.activity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;

/** A pending activity: scheduled, started, or waiting for a retry. Times are epoch millis. */
public final class ActivityInfo {
    public long scheduledEventId;
    public String activityId;
    /** ActivityTaskScheduledEventAttributes bytes, with the server's timeout and retry defaults applied. */
    public byte[] scheduledAttributes;
    public ActivityState state = ActivityState.SCHEDULED;
    public int attempt = 1;
    public long firstScheduledTimeMillis;
    public long attemptScheduledTimeMillis;
    /** Failure bytes of the last failed attempt, handed to the ActivityTaskStarted event and to Describe. */
    public byte[] lastFailure;
    /** Payloads bytes of the latest heartbeat, handed to the next attempt. */
    public byte[] heartbeatDetails;
    public long lastHeartbeatMillis;
    public boolean cancelRequested;
    public long cancelRequestedEventId;
    public String lastWorkerIdentity;
    /** Set while an Approval activity on the reserved human queue has an open inbox task. */
    public io.cadenza.dataplane.execution.activity.HumanTaskRef human;

    // In memory only (see ActivityState.STARTED).
    @JsonIgnore public long startedTimeMillis;
    @JsonIgnore public String startToken;
    @JsonIgnore public String startRequestId;
    @JsonIgnore private ActivityTaskScheduledEventAttributes parsed;

    @JsonIgnore
    public ActivityTaskScheduledEventAttributes attributes() {
        if (parsed == null) {
            try {
                parsed = ActivityTaskScheduledEventAttributes.parseFrom(scheduledAttributes);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("corrupt activity state " + activityId, e);
            }
        }
        return parsed;
    }

    public void setAttributes(ActivityTaskScheduledEventAttributes attributes) {
        this.parsed = attributes;
        this.scheduledAttributes = attributes.toByteArray();
    }

    public void transition(ActivityState.Event event) {
        state = ActivityState.TABLE.next(state, event);
    }
}
