package io.cadenza.dataplane.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.persistence.ShardLeases;
import io.vertx.sqlclient.Pool;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retry decorator against real serialization failures: on SERIALIZABLE transactions (CockroachDB's only
 * isolation level) instances taking the same shard at once abort each other with SQLSTATE 40001. Bare, some
 * takeovers fail; through {@link SqlStores} every one succeeds, each with its own range id.
 */
class SerializableRetryTest {

    private static final int INSTANCES = 6;
    private static final AtomicInteger SHARDS = new AtomicInteger(5_000_000);
    private static Pool pool;

    @BeforeAll
    static void serializablePool() {
        pool = PostgresBackend.serializablePool(INSTANCES);
    }

    @AfterAll
    static void close() throws Exception {
        pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** {@link #INSTANCES} instances acquire one new shard at once; the failures, by SQLSTATE 40001 or not. */
    private static List<Throwable> acquireAtOnce(List<ShardLeases> instances, List<Long> ranges) throws Exception {
        int shard = SHARDS.incrementAndGet();
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (ShardLeases leases : instances) {
            all.add(leases.acquire(shard).toCompletableFuture());
        }
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Long> f : all) {
            try {
                ranges.add(f.get(30, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause());
            }
        }
        return failures;
    }

    private static List<ShardLeases> instances(boolean decorated) {
        List<ShardLeases> out = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            SqlShardLeases leases = new SqlShardLeases(pool, 16, "instance-" + i, InstantSource.system());
            out.add(decorated ? new SqlStores().shardLeases(leases) : leases);
        }
        return out;
    }

    @Test
    void bareStoresFailWithSerializationErrorsUnderContention() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        for (int round = 0; round < 20 && failures.isEmpty(); round++) {
            failures.addAll(acquireAtOnce(instances(false), new ArrayList<>()));
        }
        assertThat(failures).as("contended SERIALIZABLE takeovers abort").isNotEmpty()
                .allSatisfy(e -> assertThat(SqlSupport.isRetryable(e)).as(e.toString()).isTrue());
    }

    @Test
    void throughTheDecoratorEveryTakeoverCommitsWithItsOwnRangeId() throws Exception {
        for (int round = 0; round < 5; round++) {
            List<Long> ranges = new ArrayList<>();

            List<Throwable> failures = acquireAtOnce(instances(true), ranges);

            assertThat(failures).isEmpty();
            assertThat(ranges).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        }
    }
}
