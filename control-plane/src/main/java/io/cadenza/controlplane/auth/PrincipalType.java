package io.cadenza.controlplane.auth;

/** Who acts: a person, a tenant's service account, or one of Cadenza's own services. */
public enum PrincipalType {
    USER("user"),
    SERVICE_ACCOUNT("service-account"),
    INTERNAL("internal");

    private final String wire;

    PrincipalType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static PrincipalType fromWire(String value) {
        for (PrincipalType t : values()) {
            if (t.wire.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown principal type " + value);
    }
}
