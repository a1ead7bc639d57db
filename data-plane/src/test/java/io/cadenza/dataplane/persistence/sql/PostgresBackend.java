package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.human.inbox.InboxStore;
import io.cadenza.dataplane.metering.UsageOutboxStore;
import io.cadenza.dataplane.namespace.NamespaceStore;
import io.cadenza.dataplane.persistence.BatchStore;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.cadenza.dataplane.persistence.contract.StoreBackend;
import io.cadenza.dataplane.schedule.ScheduleStore;
import io.cadenza.dataplane.testing.SharedPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.InstantSource;
import org.flywaydb.core.Flyway;

/**
 * The stores on the test JVM's embedded PostgreSQL, in a database of their own migrated by the application's Flyway
 * scripts, made by {@link SqlStores} exactly as the application makes them (so with the {@link Retrying} decorator).
 */
public final class PostgresBackend implements StoreBackend {

    private static final String DATABASE = "store_contract";
    private static PostgresBackend instance;

    private final Pool pool;
    private final SqlStores stores = new SqlStores();
    private final InstantSource clock = InstantSource.system();

    private PostgresBackend(Pool pool) {
        this.pool = pool;
    }

    /** The backend, its database created and migrated on first use. */
    public static synchronized PostgresBackend get() {
        if (instance == null) {
            SharedPostgres.Endpoint postgres = SharedPostgres.endpoint();
            postgres.createDatabaseIfMissing(DATABASE);
            Flyway.configure().dataSource(postgres.jdbcUrl(DATABASE), postgres.username(), postgres.password())
                    .locations("classpath:db/migration").load().migrate();
            // Lives as long as the test JVM, like the server.
            instance = new PostgresBackend(pool(postgres, 4, java.util.Map.of()));
        }
        return instance;
    }

    /**
     * Another pool on the same database whose transactions are SERIALIZABLE, as every CockroachDB transaction is:
     * contended writes then abort with SQLSTATE 40001 instead of waiting.
     */
    static Pool serializablePool(int size) {
        get();
        return pool(SharedPostgres.endpoint(), size, java.util.Map.of("default_transaction_isolation", "serializable"));
    }

    private static Pool pool(SharedPostgres.Endpoint postgres, int size, java.util.Map<String, String> settings) {
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(postgres.port())
                .setDatabase(DATABASE).setUser(postgres.username()).setPassword(postgres.password())
                .setProperties(new java.util.HashMap<>(settings));
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(options)
                .using(Vertx.vertx()).build();
    }

    @Override
    public Instance instance(String instanceId) {
        SqlShardLeases leases = new SqlShardLeases(pool, 1 << 20, instanceId, clock);
        return new Instance(stores.shardLeases(leases), stores.executionStore(pool, leases, clock),
                stores.standaloneActivityStore(pool, leases));
    }

    /** The cell's membership table. */
    public io.cadenza.dataplane.cell.MembershipStore membership() {
        return stores.membershipStore(pool);
    }

    @Override
    public VisibilityStore visibility() {
        return stores.visibilityStore(pool);
    }

    @Override
    public NamespaceStore namespaces() {
        return stores.namespaceStore(pool);
    }

    @Override
    public ScheduleStore schedules() {
        return stores.scheduleStore(pool, clock);
    }

    @Override
    public InboxStore inbox() {
        return stores.inboxStore(pool);
    }

    @Override
    public UsageOutboxStore usageOutbox() {
        return stores.usageOutboxStore(pool, clock);
    }

    @Override
    public BatchStore batches() {
        return stores.batchStore(pool);
    }
}
