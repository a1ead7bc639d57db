package io.cadenza.dataplane.schedule;

import io.cadenza.dataplane.metering.UsageRecord;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The schedules of a cell, versioned: the version is UpdateSchedule's conflict token, and every write is
 * conditional on it. The usage a change meters is written atomically with it.
 */
public interface ScheduleStore {

    /** A schedule and its version. */
    record Stored(ScheduleRecord record, long version) {
    }

    /** Inserts a schedule at version 1, and {@code usage} with it; false (nothing written) if the id is taken. */
    CompletionStage<Boolean> create(ScheduleRecord record, List<UsageRecord> usage);

    /** Saves a schedule, and {@code usage} with it, if its version is still {@code expectedVersion}; else false. */
    CompletionStage<Boolean> save(ScheduleRecord record, long expectedVersion, List<UsageRecord> usage);

    /** Deletes a schedule, and writes {@code usage} if it existed; false if there was none. */
    CompletionStage<Boolean> delete(String namespaceId, String scheduleId, List<UsageRecord> usage);

    /** Every schedule of the cell with its version, by (namespace id, schedule id). */
    CompletionStage<List<Stored>> all();
}
