package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityStore;
import io.cadenza.dataplane.human.inbox.InboxStore;
import io.cadenza.dataplane.metering.UsageOutboxStore;
import io.cadenza.dataplane.namespace.NamespaceStore;
import io.cadenza.dataplane.persistence.BatchStore;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.cadenza.dataplane.schedule.ScheduleStore;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/**
 * Where the stores are made: the SQL implementation of each store interface, seen by the rest of the data plane
 * only through its interface and decorated with {@link Retrying} (the one place that re-runs an operation aborted by
 * SQLSTATE 40001). A second backend would be a second set of producers.
 */
@ApplicationScoped
public class SqlStores {

    /** The SQL shard leases themselves: the other SQL stores read their fencing tokens. */
    @Produces
    @Singleton
    @Typed(SqlShardLeases.class)
    SqlShardLeases sqlShardLeases(Pool pool, DataPlaneConfig config, InstantSource clock) {
        return new SqlShardLeases(pool, config, clock);
    }

    @Produces
    @Singleton
    ShardLeases shardLeases(SqlShardLeases leases) {
        return Retrying.wrap(ShardLeases.class, leases);
    }

    @Produces
    @Singleton
    ExecutionStore executionStore(Pool pool, SqlShardLeases leases, InstantSource clock) {
        return Retrying.wrap(ExecutionStore.class, new SqlExecutionStore(pool, leases, clock));
    }

    @Produces
    @Singleton
    StandaloneActivityStore standaloneActivityStore(Pool pool, SqlShardLeases leases) {
        return Retrying.wrap(StandaloneActivityStore.class, new SqlStandaloneActivityStore(pool, leases));
    }

    @Produces
    @Singleton
    io.cadenza.dataplane.cell.MembershipStore membershipStore(Pool pool) {
        return Retrying.wrap(io.cadenza.dataplane.cell.MembershipStore.class, new SqlMembershipStore(pool));
    }

    @Produces
    @Singleton
    VisibilityStore visibilityStore(Pool pool) {
        return Retrying.wrap(VisibilityStore.class, new SqlVisibilityStore(pool));
    }

    @Produces
    @Singleton
    NamespaceStore namespaceStore(Pool pool) {
        return Retrying.wrap(NamespaceStore.class, new SqlNamespaceStore(pool));
    }

    @Produces
    @Singleton
    ScheduleStore scheduleStore(Pool pool, InstantSource clock) {
        return Retrying.wrap(ScheduleStore.class, new SqlScheduleStore(pool, clock));
    }

    @Produces
    @Singleton
    InboxStore inboxStore(Pool pool) {
        return Retrying.wrap(InboxStore.class, new SqlInboxStore(pool));
    }

    @Produces
    @Singleton
    UsageOutboxStore usageOutboxStore(Pool pool, InstantSource clock) {
        return Retrying.wrap(UsageOutboxStore.class, new SqlUsageOutboxStore(pool, clock));
    }

    @Produces
    @Singleton
    BatchStore batchStore(Pool pool) {
        return Retrying.wrap(BatchStore.class, new SqlBatchStore(pool));
    }
}
