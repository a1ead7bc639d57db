package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.persistence.ShardLeases;
import org.junit.jupiter.api.Test;

/** The {@link ShardLeases} contract: acquiring moves the fencing token forward, whoever held the shard before. */
public abstract class ShardLeasesContract extends StoreContract {

    @Test
    void acquiringAShardGivesAStrictlyGreaterRangeIdEachTime() {
        ShardLeases a = backend().instance("a").leases();
        ShardLeases b = backend().instance("b").leases();
        int shard = freshShard();
        assertThat(a.owns(shard)).isFalse();

        long first = await(a.acquire(shard));
        long second = await(b.acquire(shard));
        long third = await(a.acquire(shard));

        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
        assertThat(a.owns(shard)).isTrue();
    }

    @Test
    void shardsAreIndependent() {
        ShardLeases a = backend().instance("a").leases();
        int one = freshShard();
        int two = freshShard();

        long range = await(a.acquire(one));
        await(a.acquire(two));

        assertThat(a.owns(one)).isTrue();
        assertThat(a.owns(two)).isTrue();
        assertThat(await(a.acquire(one))).isEqualTo(range + 1);
    }

    @Test
    void aWorkflowIdAlwaysMapsToTheSameShardWithinTheShardCount() {
        ShardLeases a = backend().instance("a").leases();
        ShardLeases b = backend().instance("b").leases();
        for (int i = 0; i < 100; i++) {
            int shard = a.shardOf("ns", "wf-" + i);
            assertThat(shard).isBetween(0, a.shardCount() - 1).isEqualTo(b.shardOf("ns", "wf-" + i));
        }
    }

    @Test
    void tryAcquireTakesAShardOnlyFromTheRangeIdItSaw() {
        ShardLeases a = backend().instance("a").leases();
        ShardLeases b = backend().instance("b").leases();
        int shard = freshShard();

        assertThat(await(a.tryAcquire(shard, 0))).contains(1L);
        assertThat(await(b.tryAcquire(shard, 0))).isEmpty();
        assertThat(b.owns(shard)).isFalse();
        assertThat(await(b.tryAcquire(shard, 1))).contains(2L);
        // a saw range 1 too, but b moved it first: a cannot take it back from that stale view.
        assertThat(await(a.tryAcquire(shard, 1))).isEmpty();
        assertThat(await(a.leases())).contains(new ShardLeases.Lease(shard, "b", 2));
    }

    @Test
    void releaseMarksTheRowFreeAndKeepsTheFencingToken() {
        ShardLeases a = backend().instance("a").leases();
        ShardLeases b = backend().instance("b").leases();
        int shard = freshShard();
        long range = await(a.tryAcquire(shard, 0)).orElseThrow();

        a.beginRelease(shard);
        assertThat(a.owns(shard)).isFalse();
        assertThat(a.held()).contains(shard);
        await(a.release(shard));
        assertThat(a.held()).doesNotContain(shard);
        assertThat(await(a.leases())).contains(new ShardLeases.Lease(shard, "", range));

        assertThat(await(b.tryAcquire(shard, range))).contains(range + 1);
        assertThat(b.owns(shard)).isTrue();
    }

    @Test
    void aReleaseAfterATakeoverLeavesTheNewOwnersRowAlone() {
        ShardLeases a = backend().instance("a").leases();
        ShardLeases b = backend().instance("b").leases();
        int shard = freshShard();
        long range = await(a.tryAcquire(shard, 0)).orElseThrow();
        await(b.tryAcquire(shard, range));

        await(a.release(shard));

        assertThat(await(b.leases())).contains(new ShardLeases.Lease(shard, "b", range + 1));
    }
}
