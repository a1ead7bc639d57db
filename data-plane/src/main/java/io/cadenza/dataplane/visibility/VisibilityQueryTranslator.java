package io.cadenza.dataplane.visibility;

import io.cadenza.dataplane.visibility.QueryAst.Name;
import io.cadenza.dataplane.visibility.QueryAst.Node;
import io.cadenza.dataplane.visibility.QueryAst.Query;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;

/**
 * Translates Temporal's visibility list filter (the {@code query} of ListWorkflowExecutions and
 * CountWorkflowExecutions, <a href="https://docs.temporal.io/list-filter">docs.temporal.io/list-filter</a>) into
 * parameterised SQL over the cell's {@code executions} table.
 *
 * <p>Language: system attributes WorkflowId, WorkflowType, RunId, TaskQueue, ParentWorkflowId, RootWorkflowId,
 * ExecutionStatus (by name, e.g. {@code 'Running'}, or number), StartTime, CloseTime, ExecutionTime
 * (RFC 3339 strings or epoch nanoseconds), ExecutionDuration (nanoseconds or {@code '1h30m'}, {@code '00:05:00'}),
 * HistoryLength; custom attributes by the caller's map, backquoted when not plain identifiers. Operators
 * {@code = != <> < > <= >=}, {@code [NOT] IN (...)}, {@code [NOT] BETWEEN a AND b}, {@code [NOT] STARTS_WITH},
 * {@code IS [NOT] NULL}, {@code NOT}, {@code AND} (binds tighter) and {@code OR}, parentheses; then
 * {@code GROUP BY ExecutionStatus} (count only) and {@code ORDER BY StartTime|CloseTime|ExecutionTime [ASC|DESC]}.
 * Which operator each type takes, and how custom attributes are read, is in {@link CustomAttributeSql}.
 *
 * <p>Pure and thread-safe; nothing from the query reaches the SQL text except through parameters.
 */
public final class VisibilityQueryTranslator {

    private VisibilityQueryTranslator() {
    }

    /**
     * A ListWorkflowExecutions query. Without ORDER BY the order is {@link SortOrder#DEFAULT}.
     *
     * @param query            the filter; blank means every execution of the namespace
     * @param customAttributes the namespace's custom search attributes by name (may be empty)
     * @param firstParamIndex  the number of the first placeholder to use (2 when the caller's {@code namespace_id}
     *                         is {@code $1})
     * @throws InvalidQueryException when the query is malformed, names an unknown attribute, uses an operator its
     *                               type does not support, gives a value of the wrong type, or has GROUP BY
     */
    public static SqlFilter forList(String query, Map<String, IndexedValueType> customAttributes,
                                    int firstParamIndex) {
        return translate(query, customAttributes, firstParamIndex, false, Attribute.SYSTEM);
    }

    /**
     * A ListActivityExecutions query (standalone activities): as {@link #forList}, with the activities' system
     * attributes (ActivityId, ActivityType, RunId, TaskQueue, ExecutionStatus, StartTime, CloseTime,
     * ExecutionTime, ExecutionDuration) in place of the workflows'.
     */
    public static SqlFilter forActivityList(String query, Map<String, IndexedValueType> customAttributes,
                                            int firstParamIndex) {
        return translate(query, customAttributes, firstParamIndex, false, Attribute.ACTIVITY_SYSTEM);
    }

    /** A CountActivityExecutions query: as {@link #forActivityList}, and it may group by ExecutionStatus. */
    public static SqlFilter forActivityCount(String query, Map<String, IndexedValueType> customAttributes,
                                             int firstParamIndex) {
        return translate(query, customAttributes, firstParamIndex, true, Attribute.ACTIVITY_SYSTEM);
    }

    /**
     * A CountWorkflowExecutions query: as {@link #forList}, and it may end with {@code GROUP BY ExecutionStatus}
     * ({@link SqlFilter#groupByStatus()}). An ORDER BY is accepted and has no effect on a count.
     */
    public static SqlFilter forCount(String query, Map<String, IndexedValueType> customAttributes,
                                     int firstParamIndex) {
        return translate(query, customAttributes, firstParamIndex, true, Attribute.SYSTEM);
    }

    private static SqlFilter translate(String query, Map<String, IndexedValueType> customAttributes,
                                       int firstParamIndex, boolean count, Map<String, Attribute> system) {
        if (firstParamIndex < 1) {
            throw new IllegalArgumentException("placeholders start at $1, not $" + firstParamIndex);
        }
        Map<String, IndexedValueType> custom = customAttributes == null ? Map.of() : customAttributes;
        Query parsed = QueryParser.parse(query == null ? "" : query);
        // Clause by clause, left to right, so the first problem in the text is the one reported.
        FilterTranslator translator = new FilterTranslator(custom, firstParamIndex, system);
        String where = parsed.where() == null ? "TRUE" : whole(parsed.where(), translator.translate(parsed.where()));
        boolean groupByStatus = parsed.groupBy() != null && groupBy(parsed.groupBy(), custom, count, system);
        SortOrder order = parsed.orderBy() == null ? SortOrder.DEFAULT
                : orderBy(parsed.orderBy().name(), parsed.orderBy().descending(), custom, system);
        return new SqlFilter(where, translator.params(), order.sql(), groupByStatus);
    }

    /** AND and OR lists come back parenthesised; wrap the rest so the caller can append it after {@code AND}. */
    private static String whole(Node node, String sql) {
        return node instanceof QueryAst.And || node instanceof QueryAst.Or ? sql : "(" + sql + ")";
    }

    private static boolean groupBy(Name name, Map<String, IndexedValueType> custom, boolean count,
                                   Map<String, Attribute> system) {
        if (!count) {
            throw InvalidQueryException.notSupported("'GROUP BY' clause", name.position());
        }
        Attribute attribute = Attribute.resolve(name, custom, system);
        if (attribute.kind() != Attribute.Kind.STATUS) {
            throw InvalidQueryException.notSupported(
                    "'GROUP BY' clause is only supported for ExecutionStatus search attribute", name.position());
        }
        return true;
    }

    private static SortOrder orderBy(Name name, boolean descending, Map<String, IndexedValueType> custom,
                                     Map<String, Attribute> system) {
        Attribute attribute = Attribute.resolve(name, custom, system);
        SortOrder order = attribute.custom() ? null : SortOrder.of(attribute.name(), descending);
        if (order == null) {
            throw InvalidQueryException.notSupported("'ORDER BY' clause is only supported for StartTime, CloseTime"
                    + " and ExecutionTime, not '" + name.text() + "'", name.position());
        }
        return order;
    }
}
