package io.cadenza.gateway.authz;

import java.util.Locale;

/** A namespace permission; each level includes the ones before it. */
public enum Permission {
    READ,
    WRITE,
    ADMIN;

    /** Parses the control plane's wire name ({@code read}, {@code write}, {@code admin}). */
    public static Permission parse(String wireName) {
        return switch (wireName.toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException("unknown namespace permission '" + wireName + "'");
        };
    }

    public boolean allows(Permission required) {
        return compareTo(required) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
