package io.cadenza.dashboard.backend;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the filter builder holds, and its translation into Temporal's list-filter language, the same text a user may
 * type by hand (for example {@code ExecutionStatus = 'Running' AND WorkflowType = 'Expense' AND WorkflowId
 * STARTS_WITH 'exp-' AND StartTime >= '2026-01-01T00:00:00Z'}). Pure: no I/O, no clock.
 *
 * @param statuses     execution statuses to include (any of them); empty means all
 * @param workflowType exact workflow type, or null
 * @param idPrefix     workflow id prefix, or null
 * @param startFrom    runs started at or after this instant, or null
 * @param startTo      runs started before this instant, or null
 * @param attributes   conditions on custom search attributes, all of which must hold
 */
public record ListFilter(Set<String> statuses, String workflowType, String idPrefix, Instant startFrom,
                         Instant startTo, List<AttributeCondition> attributes) {

    /** Temporal's execution status names, as they appear in queries. */
    public static final List<String> STATUSES = List.of("Running", "Completed", "Failed", "Canceled", "Terminated",
            "ContinuedAsNew", "TimedOut");

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ListFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(new TreeSet<>(statuses));
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("unknown execution status " + status + "; one of " + STATUSES);
            }
        }
        workflowType = blankToNull(workflowType);
        idPrefix = blankToNull(idPrefix);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        if (startFrom != null && startTo != null && !startFrom.isBefore(startTo)) {
            throw new IllegalArgumentException("the start of the time range must be before its end");
        }
    }

    /** No filter at all: every execution. */
    public static ListFilter none() {
        return new ListFilter(Set.of(), null, null, null, null, List.of());
    }

    /** One condition on a custom search attribute. */
    public record AttributeCondition(String name, Operator operator, String value, AttributeType type) {
        public AttributeCondition {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(type, "type");
            if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a search attribute name is letters, digits and _, not starting "
                        + "with a digit: " + name);
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("search attribute " + name + " needs a value");
            }
            if (type.numeric()) {
                try {
                    Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("search attribute " + name + " is a number, not '" + value
                            + "'");
                }
            }
            if (type == AttributeType.BOOL && !value.trim().equalsIgnoreCase("true")
                    && !value.trim().equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("search attribute " + name + " is true or false, not '" + value
                        + "'");
            }
        }

        String toQuery() {
            String literal = switch (type) {
                case INT, DOUBLE -> value.trim();
                case BOOL -> value.trim().toLowerCase(java.util.Locale.ROOT);
                default -> quote(value);
            };
            return name + " " + operator.text + " " + literal;
        }
    }

    /** Comparison operators the builder offers. */
    public enum Operator {
        EQUALS("="), NOT_EQUALS("!="), GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<="),
        STARTS_WITH("STARTS_WITH");

        public final String text;

        Operator(String text) {
            this.text = text;
        }
    }

    /** Search attribute value types, which decide how a value is written. */
    public enum AttributeType {
        KEYWORD, TEXT, INT, DOUBLE, BOOL, DATETIME, KEYWORD_LIST;

        boolean numeric() {
            return this == INT || this == DOUBLE;
        }
    }

    /** The list-filter query; empty when nothing is filtered. */
    public String toQuery() {
        List<String> clauses = new ArrayList<>();
        if (statuses.size() == 1) {
            clauses.add("ExecutionStatus = " + quote(statuses.iterator().next()));
        } else if (!statuses.isEmpty()) {
            // IN keeps the canonical status order so the same choice always yields the same text.
            List<String> ordered = STATUSES.stream().filter(statuses::contains).map(ListFilter::quote).toList();
            clauses.add("ExecutionStatus IN (" + String.join(", ", ordered) + ")");
        }
        if (workflowType != null) {
            clauses.add("WorkflowType = " + quote(workflowType));
        }
        if (idPrefix != null) {
            clauses.add("WorkflowId STARTS_WITH " + quote(idPrefix));
        }
        if (startFrom != null) {
            clauses.add("StartTime >= " + quote(DateTimeFormatter.ISO_INSTANT.format(startFrom)));
        }
        if (startTo != null) {
            clauses.add("StartTime < " + quote(DateTimeFormatter.ISO_INSTANT.format(startTo)));
        }
        for (AttributeCondition condition : attributes) {
            clauses.add(condition.toQuery());
        }
        return String.join(" AND ", clauses);
    }

    /** {@code query} restricted to one status, for the per-status counts. */
    public static String andStatus(String query, String status) {
        String clause = "ExecutionStatus = " + quote(status);
        return query == null || query.isBlank() ? clause : "(" + query + ") AND " + clause;
    }

    /** A string literal: single-quoted, with backslashes and quotes escaped as the server's lexer expects. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
