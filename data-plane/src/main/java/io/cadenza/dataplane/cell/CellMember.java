package io.cadenza.dataplane.cell;

/**
 * An instance of the cell as its membership row says: its id (the owner name in shard leases), the address its
 * internal gRPC listens on ({@code host:port}), when it started and until when its lease runs (epoch millis).
 */
public record CellMember(String id, String address, long startedAtMillis, long leaseExpiresAtMillis) {

    public boolean liveAt(long nowMillis) {
        return leaseExpiresAtMillis > nowMillis;
    }
}
