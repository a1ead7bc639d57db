package io.cadenza.controlplane.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cadenza.controlplane.problem.ProblemException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Account-wide roles, as in Temporal Cloud. */
public enum AccountRole {
    OWNER("owner"),
    ADMIN("admin"),
    DEVELOPER("developer"),
    FINANCE_ADMIN("finance-admin"),
    READ_ONLY("read-only");

    private final String wire;

    AccountRole(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static AccountRole fromWire(String value) {
        return parse("accountRole", value);
    }

    /** Parses {@code value} or throws a 400 naming {@code field} and the allowed values. */
    public static AccountRole parse(String field, String value) {
        for (AccountRole role : values()) {
            if (role.wire.equals(value)) {
                return role;
            }
        }
        throw ProblemException.invalid(field, "must be one of " + allowed() + " (got '" + value + "')");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(AccountRole::wire).collect(Collectors.joining(", "));
    }
}
