package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * The shards this instance owns and their fencing tokens. Acquiring a shard increments its range id; every
 * transaction that writes a run re-reads the range id FOR SHARE and aborts if another instance has moved it,
 * so a paused or partitioned former owner can never commit after a takeover.
 */
@ApplicationScoped
public class ShardOwnership {

    private static final Logger LOG = Logger.getLogger(ShardOwnership.class);

    private final Pool pool;
    private final DataPlaneConfig config;
    private final ConcurrentMap<Integer, Long> rangeIds = new ConcurrentHashMap<>();

    public ShardOwnership(Pool pool, DataPlaneConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public int shardCount() {
        return config.shards();
    }

    public int shardOf(String namespaceId, String workflowId) {
        return Math.floorMod((namespaceId + "/" + workflowId).hashCode(), config.shards());
    }

    /** Takes over a shard (fencing out its previous owner); completes with the new range id. */
    public Future<Long> acquire(int shardId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return SqlSupport.inTransaction(pool, conn -> conn.preparedQuery(
                        "INSERT INTO shards (shard_id, owner, range_id, updated_at) VALUES ($1, $2, 1, $3) "
                                + "ON CONFLICT (shard_id) DO UPDATE SET range_id = shards.range_id + 1, "
                                + "owner = excluded.owner, updated_at = excluded.updated_at RETURNING range_id")
                .execute(Tuple.of(shardId, config.instanceId(), now))
                .map(rows -> rows.iterator().next().getLong(0)))
                .onSuccess(range -> {
                    rangeIds.put(shardId, range);
                    LOG.debugf("acquired shard %d with range id %d", shardId, range);
                });
    }

    public boolean owns(int shardId) {
        return rangeIds.containsKey(shardId);
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
