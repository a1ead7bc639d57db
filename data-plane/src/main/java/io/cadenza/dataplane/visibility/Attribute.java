package io.cadenza.dataplane.visibility;

import io.cadenza.dataplane.visibility.QueryAst.Name;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A search attribute a query may name: a column of {@code executions} (system attributes) or a key of its
 * {@code search_attributes} JSON (custom attributes).
 *
 * @param column the SQL column, from this class's own table only; {@code null} for a custom attribute
 */
record Attribute(String name, IndexedValueType type, Kind kind, String column) {

    enum Kind {
        /** A plain column compared as its type. */
        COLUMN,
        /** {@code status}: WorkflowExecutionStatus numbers, queried by name. */
        STATUS,
        /** {@code execution_duration_ms}: queried in nanoseconds or as a duration string. */
        DURATION,
        /** A key of {@code search_attributes}. */
        CUSTOM
    }

    /** System attributes by the name Temporal gives them; they shadow a custom attribute of the same name. */
    static final Map<String, Attribute> SYSTEM = systemAttributes();

    private static Map<String, Attribute> systemAttributes() {
        Map<String, Attribute> system = new LinkedHashMap<>();
        column(system, "WorkflowId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN, "workflow_id");
        column(system, "WorkflowType", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN, "workflow_type");
        column(system, "RunId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN, "run_id");
        column(system, "TaskQueue", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN, "task_queue");
        column(system, "ParentWorkflowId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN,
                "parent_workflow_id");
        column(system, "RootWorkflowId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN,
                "root_workflow_id");
        column(system, "ExecutionStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.STATUS, "status");
        column(system, "StartTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, Kind.COLUMN, "start_time");
        column(system, "CloseTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, Kind.COLUMN, "close_time");
        column(system, "ExecutionTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, Kind.COLUMN,
                "execution_time");
        column(system, "ExecutionDuration", IndexedValueType.INDEXED_VALUE_TYPE_INT, Kind.DURATION,
                "execution_duration_ms");
        column(system, "HistoryLength", IndexedValueType.INDEXED_VALUE_TYPE_INT, Kind.COLUMN, "history_length");
        return Map.copyOf(system);
    }

    /**
     * System attributes of standalone activities. The list query runs over a derived table of
     * {@code standalone_activities} whose columns carry the executions' names (see SqlStandaloneActivityStore), so
     * the same translator serves both; ExecutionStatus there is mapped to WorkflowExecutionStatus numbers.
     */
    static final Map<String, Attribute> ACTIVITY_SYSTEM = activityAttributes();

    private static Map<String, Attribute> activityAttributes() {
        Map<String, Attribute> system = new LinkedHashMap<>();
        column(system, "ActivityId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN, "workflow_id");
        column(system, "ActivityType", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN, "workflow_type");
        column(system, "RunId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN, "run_id");
        column(system, "TaskQueue", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.COLUMN, "task_queue");
        column(system, "ExecutionStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Kind.STATUS, "status");
        column(system, "StartTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, Kind.COLUMN, "start_time");
        column(system, "CloseTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, Kind.COLUMN, "close_time");
        column(system, "ExecutionTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, Kind.COLUMN,
                "execution_time");
        column(system, "ExecutionDuration", IndexedValueType.INDEXED_VALUE_TYPE_INT, Kind.DURATION,
                "execution_duration_ms");
        return Map.copyOf(system);
    }

    private static void column(Map<String, Attribute> map, String name, IndexedValueType type, Kind kind,
                               String column) {
        map.put(name, new Attribute(name, type, kind, column));
    }

    /**
     * The attribute {@code name} refers to. Names are case-sensitive, as in Temporal.
     *
     * @throws InvalidQueryException for a name that is neither a system nor a registered custom attribute
     */
    static Attribute resolve(Name name, Map<String, IndexedValueType> custom) {
        return resolve(name, custom, SYSTEM);
    }

    /** As {@link #resolve(Name, Map)}, with {@code systemAttributes} ({@link #SYSTEM} or {@link #ACTIVITY_SYSTEM}). */
    static Attribute resolve(Name name, Map<String, IndexedValueType> custom, Map<String, Attribute> systemAttributes) {
        Attribute system = systemAttributes.get(name.text());
        if (system != null) {
            return system;
        }
        IndexedValueType type = custom.get(name.text());
        if (type == null) {
            throw new InvalidQueryException("invalid search attribute: " + name.text(), name.position());
        }
        if (typeName(type) == null) {
            throw InvalidQueryException.invalid("unknown search attribute type " + type + " for " + name.text(),
                    name.position());
        }
        return new Attribute(name.text(), type, Kind.CUSTOM, null);
    }

    boolean custom() {
        return kind == Kind.CUSTOM;
    }

    /** The type as Temporal spells it in messages ("Keyword", "Int", ...). */
    String typeName() {
        return typeName(type);
    }

    /** Temporal's short name of a search attribute type, or {@code null} for one a query cannot use. */
    static String typeName(IndexedValueType type) {
        return switch (type) {
            case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
            case INDEXED_VALUE_TYPE_TEXT -> "Text";
            case INDEXED_VALUE_TYPE_INT -> "Int";
            case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
            case INDEXED_VALUE_TYPE_BOOL -> "Bool";
            case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
            case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
            default -> null;
        };
    }
}
