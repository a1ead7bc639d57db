package io.cadenza.dataplane.schedule;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.dataplane.common.Protos;
import io.temporal.api.schedule.v1.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A schedule's definition and the state of its runner, stored as JSON in {@code schedules.state}. */
public final class ScheduleRecord {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** How many recent actions Describe shows (as Temporal). */
    static final int RECENT_ACTIONS = 10;

    public String namespaceId;
    public String scheduleId;
    /** schedule.v1.Schedule, memo and search attributes bytes as given by the caller. */
    public byte[] schedule;
    public byte[] memo;
    public byte[] searchAttributes;
    public long createTimeMillis;
    public long updateTimeMillis;
    /** Nominal times up to here have been considered. */
    public long highWaterMarkMillis;
    public long actionCount;
    public long missedCatchupWindow;
    public long overlapSkipped;
    public long bufferDropped;
    public List<Action> recentActions = new ArrayList<>();
    public List<Started> running = new ArrayList<>();
    public List<Pending> buffer = new ArrayList<>();

    /** A workflow the schedule started. */
    public static final class Action {
        public long scheduleTimeMillis;
        public long actualTimeMillis;
        public String workflowId;
        public String runId;
        public int status;
    }

    public static final class Started {
        public String workflowId;
        public String runId;
    }

    /** A start waiting on the overlap policy. */
    public static final class Pending {
        public long nominalMillis;
        public long actualMillis;
        public int overlapPolicy;
        public boolean manual;
    }

    @JsonIgnore
    public Schedule scheduleProto() {
        return Protos.parse(Schedule.parser(), schedule, Schedule.getDefaultInstance());
    }

    /** The jitter seed Temporal uses, so jittered times match Temporal's. */
    @JsonIgnore
    public String jitterSeed() {
        return namespaceId + "-" + scheduleId;
    }

    /** The stored form (JSON). */
    public byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ScheduleRecord decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, ScheduleRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
