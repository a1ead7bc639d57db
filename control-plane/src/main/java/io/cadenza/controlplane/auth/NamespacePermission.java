package io.cadenza.controlplane.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cadenza.controlplane.problem.ProblemException;

/** Namespace accesses, ordered: admin includes write includes read. */
public enum NamespacePermission {
    READ("read"),
    WRITE("write"),
    ADMIN("admin");

    private final String wire;

    NamespacePermission(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static NamespacePermission fromWire(String value) {
        return parse("namespaceAccesses", value);
    }

    public static NamespacePermission parse(String field, String value) {
        for (NamespacePermission p : values()) {
            if (p.wire.equals(value)) {
                return p;
            }
        }
        throw ProblemException.invalid(field, "must be read, write or admin (got '" + value + "')");
    }

    public boolean includes(NamespacePermission other) {
        return compareTo(other) >= 0;
    }

    public static NamespacePermission max(NamespacePermission a, NamespacePermission b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
