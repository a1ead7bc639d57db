package io.cadenza.dataplane.visibility;

import io.cadenza.dataplane.visibility.QueryAst.Literal;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a literal against the type of the attribute it is compared with and converts it to the Java value the
 * Vert.x PostgreSQL client binds: {@link String}, {@link Long}, {@link Double}, {@link Boolean} or a UTC
 * {@link OffsetDateTime}.
 */
final class QueryValues {

    /** ExecutionStatus by Temporal's short name ("Running") or full enum name, as Temporal's parser accepts. */
    private static final Map<String, WorkflowExecutionStatus> STATUSES = statuses();

    private QueryValues() {
    }

    private static Map<String, WorkflowExecutionStatus> statuses() {
        Map<String, WorkflowExecutionStatus> byName = new HashMap<>();
        for (WorkflowExecutionStatus status : WorkflowExecutionStatus.values()) {
            if (status == WorkflowExecutionStatus.UNRECOGNIZED) {
                continue;
            }
            byName.put(status.name(), status);
            byName.put(shortName(status), status);
        }
        return Map.copyOf(byName);
    }

    /** WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> ContinuedAsNew. */
    static String shortName(WorkflowExecutionStatus status) {
        StringBuilder name = new StringBuilder();
        for (String word : status.name().substring("WORKFLOW_EXECUTION_STATUS_".length()).split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    static String keyword(Attribute attribute, Literal literal) {
        if (!(literal.value() instanceof String s)) {
            throw typeMismatch(attribute, literal);
        }
        return s;
    }

    /** Text values are matched word by word, so one without a word could never match anything. */
    static String text(Attribute attribute, Literal literal) {
        String s = keyword(attribute, literal);
        if (s.isBlank()) {
            throw InvalidQueryException.invalid("no tokens found filtering on Text type search attribute "
                    + attribute.name(), literal.position());
        }
        return s;
    }

    /** Int and Double attributes both take integers and decimals, as in Temporal: {@link Long} or {@link Double}. */
    static Number number(Attribute attribute, Literal literal) {
        if (literal.value() instanceof Long || literal.value() instanceof Double) {
            return (Number) literal.value();
        }
        throw typeMismatch(attribute, literal);
    }

    static Boolean bool(Attribute attribute, Literal literal) {
        if (!(literal.value() instanceof Boolean b)) {
            throw typeMismatch(attribute, literal);
        }
        return b;
    }

    /** An RFC 3339 string (any offset, optional fraction) or Unix epoch nanoseconds, as an instant in UTC. */
    static OffsetDateTime datetime(Attribute attribute, Literal literal) {
        if (literal.value() instanceof Long nanos) {
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                    Math.floorMod(nanos, 1_000_000_000L));
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (!(literal.value() instanceof String s)) {
            throw typeMismatch(attribute, literal);
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw InvalidQueryException.invalid("unable to parse datetime '" + s + "'", literal.position());
        }
    }

    /** The WorkflowExecutionStatus number stored in {@code executions.status}. */
    static Long status(Literal literal) {
        if (literal.value() instanceof Long number) {
            for (WorkflowExecutionStatus status : STATUSES.values()) {
                if (status.getNumber() == number) {
                    return number;
                }
            }
            throw InvalidQueryException.invalid("invalid ExecutionStatus value " + number, literal.position());
        }
        if (literal.value() instanceof String s) {
            WorkflowExecutionStatus status = STATUSES.get(s);
            if (status == null) {
                throw InvalidQueryException.invalid("invalid ExecutionStatus value '" + s + "'", literal.position());
            }
            return (long) status.getNumber();
        }
        throw InvalidQueryException.invalid("unexpected value type " + literal.describe()
                + " for search attribute ExecutionStatus", literal.position());
    }

    /** ExecutionDuration: integer nanoseconds, or a string {@link Durations} parses. */
    static Long durationNanos(Literal literal) {
        if (literal.value() instanceof Long nanos) {
            return nanos;
        }
        if (literal.value() instanceof String s) {
            try {
                return Durations.parseNanos(s);
            } catch (IllegalArgumentException e) {
                throw InvalidQueryException.invalid("invalid duration value for search attribute ExecutionDuration: '"
                        + s + "'", literal.position());
            }
        }
        throw InvalidQueryException.invalid("unexpected value type " + literal.describe()
                + " for search attribute ExecutionDuration", literal.position());
    }

    private static InvalidQueryException typeMismatch(Attribute attribute, Literal literal) {
        return InvalidQueryException.invalid("invalid value type for search attribute " + attribute.name()
                + " of type " + attribute.typeName() + ": " + literal.describe(), literal.position());
    }
}
