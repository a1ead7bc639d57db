package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.metering.UsageRecord;
import io.cadenza.dataplane.schedule.ScheduleRecord;
import io.cadenza.dataplane.schedule.ScheduleStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@link ScheduleStore} in {@code schedules}: the record as JSON, one conditional statement per change. */
public class SqlScheduleStore implements ScheduleStore {

    private final Pool pool;
    private final InstantSource clock;

    public SqlScheduleStore(Pool pool, InstantSource clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Boolean> create(ScheduleRecord r, List<UsageRecord> usage) {
        return pool.preparedQuery("WITH s AS (INSERT INTO schedules (namespace_id, schedule_id, version, state, "
                        + "updated_at) VALUES ($1, $2, 1, $3, $4) ON CONFLICT (namespace_id, schedule_id) DO NOTHING "
                        + "RETURNING 1), " + SqlUsageWrites.cte(5, "s") + " SELECT count(*) FROM s")
                .execute(Tuple.from(SqlUsageWrites.concat(
                        new Object[]{r.namespaceId, r.scheduleId, Buffer.buffer(r.encode()), now()},
                        SqlUsageWrites.params(usage, clock.millis()))))
                .map(SqlScheduleStore::one).toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> save(ScheduleRecord r, long expectedVersion, List<UsageRecord> usage) {
        return pool.preparedQuery("WITH s AS (UPDATE schedules SET version = version + 1, state = $3, updated_at = $4 "
                        + "WHERE namespace_id = $1 AND schedule_id = $2 AND version = $5 RETURNING 1), "
                        + SqlUsageWrites.cte(6, "s") + " SELECT count(*) FROM s")
                .execute(Tuple.from(SqlUsageWrites.concat(
                        new Object[]{r.namespaceId, r.scheduleId, Buffer.buffer(r.encode()), now(), expectedVersion},
                        SqlUsageWrites.params(usage, clock.millis()))))
                .map(SqlScheduleStore::one).toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> delete(String namespaceId, String scheduleId, List<UsageRecord> usage) {
        return pool.preparedQuery("WITH s AS (DELETE FROM schedules WHERE namespace_id = $1 AND schedule_id = $2 "
                        + "RETURNING 1), " + SqlUsageWrites.cte(3, "s") + " SELECT count(*) FROM s")
                .execute(Tuple.from(SqlUsageWrites.concat(new Object[]{namespaceId, scheduleId},
                        SqlUsageWrites.params(usage, clock.millis()))))
                .map(SqlScheduleStore::one).toCompletionStage();
    }

    private static boolean one(RowSet<Row> rows) {
        return rows.iterator().next().getLong(0) == 1;
    }

    @Override
    public CompletionStage<List<Stored>> all() {
        return pool.query("SELECT state, version FROM schedules ORDER BY namespace_id, schedule_id").execute()
                .map(rows -> {
                    List<Stored> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new Stored(ScheduleRecord.decode(row.getBuffer(0).getBytes()), row.getLong(1)));
                    }
                    return out;
                }).toCompletionStage();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
