package io.cadenza.controlplane.namespace;

import io.cadenza.controlplane.problem.Problem;
import io.cadenza.controlplane.problem.ProblemException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of namespace settings, pure so it is unit-tested; messages say how to fix the input. */
public final class NamespaceRules {
    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 90;
    public static final int DEFAULT_ACTIONS_PER_SECOND = 500;
    public static final int DEFAULT_REQUESTS_PER_SECOND = 2000;
    public static final int MAX_RATE = 1_000_000;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,37}[a-z0-9]");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Set<String> RESERVED_PREFIXES = Set.of("Temporal", "Cadenza");
    /** Temporal's system search attributes: queryable in every namespace, never definable. */
    private static final Set<String> SYSTEM_ATTRIBUTES = Set.of("WorkflowId", "RunId", "WorkflowType",
            "ExecutionStatus", "TaskQueue", "StartTime", "CloseTime", "ExecutionTime", "ExecutionDuration",
            "HistoryLength", "ParentWorkflowId", "RootWorkflowId", "BuildIds", "BatcherUser", "StateTransitionCount",
            "HistorySizeBytes");

    private NamespaceRules() {
    }

    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.invalid("name", "must be 2-39 characters of lowercase letters, digits and "
                    + "hyphens, starting with a letter and ending with a letter or digit (got '" + name + "')");
        }
    }

    public static void checkRetention(Integer days) {
        if (days == null) {
            throw ProblemException.invalid("retentionDays", "is required (1-90)");
        }
        if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
            throw ProblemException.invalid("retentionDays", "must be between 1 and 90 days (got " + days + ")");
        }
    }

    public static void checkRate(String field, Integer perSecond) {
        if (perSecond != null && (perSecond < 1 || perSecond > MAX_RATE)) {
            throw ProblemException.invalid(field, "must be between 1 and " + MAX_RATE + " (got " + perSecond + ")");
        }
    }

    /** Parses and checks search attribute definitions {name: Temporal type name}; all problems at once. */
    public static Map<String, SearchAttributeType> parseSearchAttributes(Map<String, String> requested) {
        Map<String, SearchAttributeType> result = new java.util.TreeMap<>();
        if (requested == null) {
            return result;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<SearchAttributeType, Integer> perType = new EnumMap<>(SearchAttributeType.class);
        for (var e : requested.entrySet()) {
            String name = e.getKey();
            String field = "searchAttributes." + name;
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                errors.add(new Problem.FieldError(field, "name must be 1-64 letters, digits or '_', starting with "
                        + "a letter"));
                continue;
            }
            if (RESERVED_PREFIXES.stream().anyMatch(name::startsWith)) {
                errors.add(new Problem.FieldError(field, "names starting with Temporal or Cadenza are reserved"));
                continue;
            }
            if (SYSTEM_ATTRIBUTES.contains(name)) {
                errors.add(new Problem.FieldError(field, name + " is a system search attribute; choose another name"));
                continue;
            }
            SearchAttributeType type = SearchAttributeType.byName(e.getValue());
            if (type == null) {
                errors.add(new Problem.FieldError(field, "type must be one of Keyword, Text, Int, Double, Bool, "
                        + "Datetime, KeywordList (got '" + e.getValue() + "')"));
                continue;
            }
            int count = perType.merge(type, 1, Integer::sum);
            if (count == type.maxPerNamespace() + 1) {
                errors.add(new Problem.FieldError("searchAttributes", "at most " + type.maxPerNamespace() + " "
                        + type.temporalName() + " search attributes per namespace"));
            }
            result.put(name, type);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return result;
    }

    /** A search attribute keeps its type once defined (the cell refuses a type change). */
    public static void checkNoTypeChange(Map<String, SearchAttributeType> current,
                                         Map<String, SearchAttributeType> desired) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (var e : desired.entrySet()) {
            SearchAttributeType was = current.get(e.getKey());
            if (was != null && was != e.getValue()) {
                errors.add(new Problem.FieldError("searchAttributes." + e.getKey(), "is already defined as "
                        + was.temporalName() + "; a search attribute's type cannot change (remove it and add "
                        + "another name)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
