package io.cadenza.dataplane.persistence;

/** Another instance took the shard over; this instance must stop writing to it. */
public final class ShardOwnershipLost extends RuntimeException {
    public ShardOwnershipLost(int shardId) {
        super("shard " + shardId + " is owned by another instance", null, false, false);
    }
}
