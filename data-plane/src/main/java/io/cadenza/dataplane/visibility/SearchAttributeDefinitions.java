package io.cadenza.dataplane.visibility;

import io.cadenza.dataplane.common.Errors;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for a namespace's custom search attributes: valid names, Temporal's types, Temporal Cloud's limits per
 * type, and the check that values written by workflows match the definitions.
 */
public final class SearchAttributeDefinitions {

    /** Temporal Cloud's per-namespace limits on custom search attributes. */
    static final Map<IndexedValueType, Integer> LIMITS = new EnumMap<>(Map.of(
            IndexedValueType.INDEXED_VALUE_TYPE_BOOL, 20,
            IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, 20,
            IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE, 20,
            IndexedValueType.INDEXED_VALUE_TYPE_INT, 20,
            IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, 40,
            IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST, 5,
            IndexedValueType.INDEXED_VALUE_TYPE_TEXT, 5));

    /** Attributes every namespace has (queryable in list filters, not definable). */
    public static final Map<String, IndexedValueType> SYSTEM = Map.ofEntries(
            Map.entry("WorkflowId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("RunId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("WorkflowType", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("ExecutionStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("TaskQueue", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("StartTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME),
            Map.entry("CloseTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME),
            Map.entry("ExecutionTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME),
            Map.entry("ExecutionDuration", IndexedValueType.INDEXED_VALUE_TYPE_INT),
            Map.entry("HistoryLength", IndexedValueType.INDEXED_VALUE_TYPE_INT),
            Map.entry("ParentWorkflowId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("RootWorkflowId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));

    /**
     * Attributes Temporal predefines in every namespace and that the server sets itself (stored with the custom
     * ones): the schedule that started a run and the time it was scheduled for.
     */
    public static final Map<String, IndexedValueType> PREDEFINED = Map.of(
            "TemporalScheduledById", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            "TemporalScheduledStartTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);

    /** What `temporal server start-dev` predefines; the dev default registers them in its namespaces. */
    public static final Map<String, IndexedValueType> DEV_DEFAULTS = Map.of(
            "CustomKeywordField", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            "CustomStringField", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
            "CustomTextField", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
            "CustomIntField", IndexedValueType.INDEXED_VALUE_TYPE_INT,
            "CustomDatetimeField", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
            "CustomDoubleField", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
            "CustomBoolField", IndexedValueType.INDEXED_VALUE_TYPE_BOOL);

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Set<String> RESERVED_PREFIXES = Set.of("Temporal", "Cadenza");

    private SearchAttributeDefinitions() {
    }

    /** The definitions after adding {@code added}; INVALID_ARGUMENT / FAILED_PRECONDITION explain a refusal. */
    public static Map<String, IndexedValueType> add(Map<String, IndexedValueType> current,
                                                    Map<String, IndexedValueType> added) {
        Map<String, IndexedValueType> result = new HashMap<>(current);
        for (var e : added.entrySet()) {
            String name = e.getKey();
            IndexedValueType type = e.getValue();
            if (!NAME.matcher(name).matches() || RESERVED_PREFIXES.stream().anyMatch(name::startsWith)) {
                throw Errors.invalidArgument("Search attribute name '" + name + "' is invalid: use up to 64 letters, "
                        + "digits or '_', starting with a letter, not starting with Temporal or Cadenza.");
            }
            if (SYSTEM.containsKey(name)) {
                throw Errors.invalidArgument("Search attribute " + name + " is a system search attribute.");
            }
            if (!LIMITS.containsKey(type)) {
                throw Errors.invalidArgument("Search attribute " + name + " has no valid type; use Keyword, Text, "
                        + "Int, Double, Bool, Datetime or KeywordList.");
            }
            IndexedValueType existing = result.get(name);
            if (existing != null && existing != type) {
                throw Errors.invalidArgument("Search attribute " + name + " already exists with type "
                        + typeName(existing) + ".");
            }
            result.put(name, type);
            long ofType = result.values().stream().filter(t -> t == type).count();
            if (ofType > LIMITS.get(type)) {
                throw Errors.failedPrecondition("A namespace can have at most " + LIMITS.get(type) + " custom "
                        + typeName(type) + " search attributes.");
            }
        }
        return result;
    }

    public static Map<String, IndexedValueType> remove(Map<String, IndexedValueType> current, Iterable<String> names) {
        Map<String, IndexedValueType> result = new HashMap<>(current);
        for (String name : names) {
            if (result.remove(name) == null) {
                throw Errors.notFound("Search attribute " + name + " is not defined in this namespace.");
            }
        }
        return result;
    }

    /**
     * Checks values a start request or a workflow writes; returns null when they fit the definitions, else a
     * message naming the problem.
     */
    public static String problem(SearchAttributes values, Map<String, IndexedValueType> defined) {
        for (String name : values.getIndexedFieldsMap().keySet()) {
            if (!defined.containsKey(name)) {
                return "Search attribute " + name + " is not defined in this namespace; add it with "
                        + "AddSearchAttributes (temporal operator search-attribute create).";
            }
        }
        try {
            SearchAttributesJson.apply(new JsonObject(), values, defined);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The stored JSON for a run's search attributes (never fails: values were checked when written). */
    public static String json(SearchAttributes values, Map<String, IndexedValueType> defined) {
        if (values == null || values.getIndexedFieldsCount() == 0) {
            return "{}";
        }
        try {
            return SearchAttributesJson.apply(new JsonObject(), values, defined).encode();
        } catch (IllegalArgumentException e) {
            return "{}";
        }
    }

    /** Temporal's name for a type, as SDKs read it from a payload's {@code type} metadata (e.g. "KeywordList"). */
    public static String typeName(IndexedValueType type) {
        return switch (type) {
            case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
            case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
            default -> {
                String n = type.name().substring("INDEXED_VALUE_TYPE_".length()).toLowerCase();
                yield Character.toUpperCase(n.charAt(0)) + n.substring(1);
            }
        };
    }
}
