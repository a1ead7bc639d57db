package io.cadenza.dataplane.schedule;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.dataplane.metering.UsageRecord;
import io.cadenza.dataplane.persistence.sql.SqlUsageWrites;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Schedules on the cell's database, versioned (the version is UpdateSchedule's conflict token). */
@ApplicationScoped
public class ScheduleStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Pool pool;

    public ScheduleStore(Pool pool) {
        this.pool = pool;
    }

    public record Stored(ScheduleRecord record, long version) {
    }

    /** Inserts a schedule, and {@code usage} with it; false if the id is taken. */
    public CompletionStage<Boolean> create(ScheduleRecord r, List<UsageRecord> usage) {
        return pool.preparedQuery("WITH s AS (INSERT INTO schedules (namespace_id, schedule_id, version, state, "
                        + "updated_at) VALUES ($1, $2, 1, $3, $4) ON CONFLICT (namespace_id, schedule_id) DO NOTHING "
                        + "RETURNING 1), " + SqlUsageWrites.cte(5, "s") + " SELECT count(*) FROM s")
                .execute(Tuple.from(SqlUsageWrites.concat(
                        new Object[]{r.namespaceId, r.scheduleId, Buffer.buffer(encode(r)), now()},
                        SqlUsageWrites.params(usage, System.currentTimeMillis()))))
                .map(ScheduleStore::one).toCompletionStage();
    }

    /** Saves a schedule, and {@code usage} with it, if its version is still {@code expectedVersion}; false otherwise. */
    public CompletionStage<Boolean> save(ScheduleRecord r, long expectedVersion, List<UsageRecord> usage) {
        return pool.preparedQuery("WITH s AS (UPDATE schedules SET version = version + 1, state = $3, updated_at = $4 "
                        + "WHERE namespace_id = $1 AND schedule_id = $2 AND version = $5 RETURNING 1), "
                        + SqlUsageWrites.cte(6, "s") + " SELECT count(*) FROM s")
                .execute(Tuple.from(SqlUsageWrites.concat(
                        new Object[]{r.namespaceId, r.scheduleId, Buffer.buffer(encode(r)), now(), expectedVersion},
                        SqlUsageWrites.params(usage, System.currentTimeMillis()))))
                .map(ScheduleStore::one).toCompletionStage();
    }

    /** Deletes a schedule, and writes {@code usage} if it existed. */
    public CompletionStage<Boolean> delete(String namespaceId, String scheduleId, List<UsageRecord> usage) {
        return pool.preparedQuery("WITH s AS (DELETE FROM schedules WHERE namespace_id = $1 AND schedule_id = $2 "
                        + "RETURNING 1), " + SqlUsageWrites.cte(3, "s") + " SELECT count(*) FROM s")
                .execute(Tuple.from(SqlUsageWrites.concat(new Object[]{namespaceId, scheduleId},
                        SqlUsageWrites.params(usage, System.currentTimeMillis()))))
                .map(ScheduleStore::one).toCompletionStage();
    }

    private static boolean one(io.vertx.sqlclient.RowSet<Row> rows) {
        return rows.iterator().next().getLong(0) == 1;
    }

    public CompletionStage<List<Stored>> all() {
        return pool.query("SELECT state, version FROM schedules ORDER BY namespace_id, schedule_id").execute()
                .map(rows -> {
                    List<Stored> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new Stored(decode(row.getBuffer(0).getBytes()), row.getLong(1)));
                    }
                    return out;
                }).toCompletionStage();
    }

    static byte[] encode(ScheduleRecord r) {
        try {
            return JSON.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScheduleRecord decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, ScheduleRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
