package io.cadenza.dataplane;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this instance serves requests yet. Quarkus opens the gRPC and HTTP ports before start-up has loaded the
 * namespaces and taken the shards; a call in that window would find no namespace and answer NOT_FOUND, which SDK
 * clients take for a missing workflow (a restarted cell is hit by every retrying client the moment its port opens).
 * Until {@link Startup} opens the gate, calls are refused as UNAVAILABLE, which they retry.
 */
@ApplicationScoped
public class CellGate {

    private volatile boolean open;

    public boolean isOpen() {
        return open;
    }

    void open() {
        open = true;
    }
}
