package io.cadenza.dataplane.persistence;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The shards of a cell and the leases this instance holds on them. Acquiring a shard moves its fencing token (range
 * id) forward; every store write of a run on that shard carries the token and fails with {@link ShardOwnershipLost}
 * once another instance has taken the shard over, so a paused or partitioned former owner can never commit.
 */
public interface ShardLeases {

    int shardCount();

    /** The shard of a workflow id (or any other id under a namespace). */
    int shardOf(String namespaceId, String workflowId);

    /** Takes over a shard, fencing out its previous owner; completes with the new range id. */
    CompletionStage<Long> acquire(int shardId);

    /**
     * Whether this instance holds the shard's lease and takes new work on it (as far as it knows: a write may still
     * find it lost). False while the shard is being released, though updates already in flight still commit.
     */
    boolean owns(int shardId);

    /** A shard's row: who holds it (empty when released) and its fencing token. */
    record Lease(int shardId, String owner, long rangeId) {
    }

    /** Every shard row there is (a shard never taken has none). */
    CompletionStage<List<Lease>> leases();

    /**
     * Takes the shard only if its range id is still {@code expectedRangeId} (0: the shard has no row yet), so two
     * instances taking the same shard at once cannot both win; completes with the new range id, or empty when
     * another instance moved the shard first.
     */
    CompletionStage<Optional<Long>> tryAcquire(int shardId, long expectedRangeId);

    /** Stops taking new work on the shard ({@link #owns} false); updates in flight still commit. */
    void beginRelease(int shardId);

    /**
     * Gives the shard up: its row is marked released (owner empty, range id kept) unless another instance has taken
     * it meanwhile, so the next owner need not wait for a lease to lapse.
     */
    CompletionStage<Void> release(int shardId);

    /** Forgets the shard locally, without touching its row (it was lost, or this instance's lease lapsed). */
    void forget(int shardId);

    /** The shards this instance holds (including those being released). */
    Set<Integer> held();

    /** This instance's name in shard rows. */
    String instanceId();
}
