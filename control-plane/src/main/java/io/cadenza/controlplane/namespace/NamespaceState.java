package io.cadenza.controlplane.namespace;

/** Lifecycle of a namespace record; tenants may use a namespace only when ACTIVE. */
public enum NamespaceState {
    PROVISIONING("provisioning"),
    ACTIVE("active"),
    DELETING("deleting");

    private final String wire;

    NamespaceState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
