package io.cadenza.dataplane.persistence;

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

    /** Whether this instance holds the shard's lease (as far as it knows: a write may still find it lost). */
    boolean owns(int shardId);
}
