package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * {@link ShardLeases} in the {@code shards} table: the shards this instance owns and their fencing tokens.
 * Acquiring a shard increments its range id; every write of a run checks the range id (FOR SHARE) and aborts if
 * another instance has moved it, so a paused or partitioned former owner can never commit after a takeover.
 */
public class SqlShardLeases implements ShardLeases {

    private static final Logger LOG = Logger.getLogger(SqlShardLeases.class);

    private final Pool pool;
    private final int shards;
    private final String instanceId;
    private final InstantSource clock;
    private final ConcurrentMap<Integer, Long> rangeIds = new ConcurrentHashMap<>();
    /** Shards being released: held (in-flight updates commit) but taking no new work. */
    private final java.util.Set<Integer> releasing = ConcurrentHashMap.newKeySet();

    public SqlShardLeases(Pool pool, DataPlaneConfig config, InstantSource clock) {
        this(pool, config.shards(), config.instanceId(), clock);
    }

    public SqlShardLeases(Pool pool, int shards, String instanceId, InstantSource clock) {
        this.pool = pool;
        this.shards = shards;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    @Override
    public int shardCount() {
        return shards;
    }

    @Override
    public int shardOf(String namespaceId, String workflowId) {
        return Math.floorMod((namespaceId + "/" + workflowId).hashCode(), shards);
    }

    @Override
    public CompletionStage<Long> acquire(int shardId) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return SqlSupport.inTransaction(pool, conn -> conn.preparedQuery(
                        "INSERT INTO shards (shard_id, owner, range_id, updated_at) VALUES ($1, $2, 1, $3) "
                                + "ON CONFLICT (shard_id) DO UPDATE SET range_id = shards.range_id + 1, "
                                + "owner = excluded.owner, updated_at = excluded.updated_at RETURNING range_id")
                .execute(Tuple.of(shardId, instanceId, now))
                .map(rows -> rows.iterator().next().getLong(0)))
                .onSuccess(range -> {
                    releasing.remove(shardId);
                    rangeIds.put(shardId, range);
                    LOG.debugf("acquired shard %d with range id %d", shardId, range);
                })
                .toCompletionStage();
    }

    @Override
    public boolean owns(int shardId) {
        return rangeIds.containsKey(shardId) && !releasing.contains(shardId);
    }

    @Override
    public CompletionStage<List<Lease>> leases() {
        return pool.query("SELECT shard_id, owner, range_id FROM shards ORDER BY shard_id").execute()
                .map(rows -> {
                    List<Lease> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Lease(r.getInteger(0), r.getString(1), r.getLong(2)));
                    }
                    return out;
                }).toCompletionStage();
    }

    @Override
    public CompletionStage<Optional<Long>> tryAcquire(int shardId, long expectedRangeId) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Future<io.vertx.sqlclient.RowSet<Row>> taken = expectedRangeId == 0
                ? pool.preparedQuery("INSERT INTO shards (shard_id, owner, range_id, updated_at) VALUES ($1, $2, 1, $3) "
                        + "ON CONFLICT (shard_id) DO NOTHING RETURNING range_id")
                        .execute(Tuple.of(shardId, instanceId, now))
                : pool.preparedQuery("UPDATE shards SET range_id = range_id + 1, owner = $2, updated_at = $3 "
                        + "WHERE shard_id = $1 AND range_id = $4 RETURNING range_id")
                        .execute(Tuple.of(shardId, instanceId, now, expectedRangeId));
        return taken.map(rows -> {
            if (!rows.iterator().hasNext()) {
                return Optional.<Long>empty();
            }
            long range = rows.iterator().next().getLong(0);
            releasing.remove(shardId);
            rangeIds.put(shardId, range);
            LOG.debugf("took shard %d with range id %d", shardId, range);
            return Optional.of(range);
        }).toCompletionStage();
    }

    @Override
    public void beginRelease(int shardId) {
        if (rangeIds.containsKey(shardId)) {
            releasing.add(shardId);
        }
    }

    @Override
    public CompletionStage<Void> release(int shardId) {
        Long range = rangeIds.remove(shardId);
        releasing.remove(shardId);
        if (range == null) {
            return CompletableFuture.completedFuture(null);
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return pool.preparedQuery("UPDATE shards SET owner = '', updated_at = $3 WHERE shard_id = $1 AND range_id = $2")
                .execute(Tuple.of(shardId, range, now))
                .<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public void forget(int shardId) {
        rangeIds.remove(shardId);
        releasing.remove(shardId);
    }

    @Override
    public Set<Integer> held() {
        return Set.copyOf(rangeIds.keySet());
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    /** The range id this instance holds for {@code shardId}, or 0 when it does not own the shard. */
    long rangeIdOrZero(int shardId) {
        Long range = rangeIds.get(shardId);
        return range == null ? 0 : range;
    }

    /** Called when a single-statement write found the shard's range id moved. */
    void lost(int shardId) {
        rangeIds.remove(shardId);
    }

    /** Inside a transaction: fails with {@link ShardOwnershipLost} unless this instance still owns the shard. */
    Future<Void> fence(SqlConnection conn, int shardId) {
        Long expected = rangeIds.get(shardId);
        if (expected == null) {
            return Future.failedFuture(new ShardOwnershipLost(shardId));
        }
        return conn.preparedQuery("SELECT range_id FROM shards WHERE shard_id = $1 FOR SHARE")
                .execute(Tuple.of(shardId))
                .compose(rows -> {
                    if (!rows.iterator().hasNext() || rows.iterator().next().getLong(0) != expected.longValue()) {
                        rangeIds.remove(shardId);
                        return Future.failedFuture(new ShardOwnershipLost(shardId));
                    }
                    return Future.succeededFuture();
                });
    }
}
