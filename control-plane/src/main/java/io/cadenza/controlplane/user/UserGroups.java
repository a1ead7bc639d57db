package io.cadenza.controlplane.user;

import io.cadenza.controlplane.problem.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A user's business groups within their account (managers, finance, ...): validated names, stored as one sorted,
 * comma-separated column, mirrored to Keycloak groups {@code /accounts/<accountId>/<group>}.
 */
public final class UserGroups {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final int MAX_GROUPS = 50;

    private UserGroups() {
    }

    /** Validates and normalises (sorted, distinct); null stays null ("unchanged" in an update). */
    public static List<String> parse(List<String> groups) {
        if (groups == null) {
            return null;
        }
        if (groups.size() > MAX_GROUPS) {
            throw ProblemException.invalid("groups", "at most " + MAX_GROUPS + " groups per user");
        }
        TreeSet<String> result = new TreeSet<>();
        for (String g : groups) {
            if (g == null || !NAME.matcher(g).matches()) {
                throw ProblemException.invalid("groups", "'" + g + "' is not a valid group name: use 1-63 lowercase "
                        + "letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            result.add(g);
        }
        return List.copyOf(result);
    }

    public static String column(List<String> groups) {
        return String.join(",", groups);
    }

    public static List<String> fromColumn(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.asList(column.split(","));
    }
}
