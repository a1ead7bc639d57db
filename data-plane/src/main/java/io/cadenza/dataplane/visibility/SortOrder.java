package io.cadenza.dataplane.visibility;

/**
 * The orders a list query can ask for: one time column, either direction, then {@code run_id} so that rows with
 * the same time still have a total order, which keyset paging ({@link KeysetPaging}) needs.
 *
 * <p>{@code close_time} is NULL while a run is open. Open runs sort first when descending (the newest have not closed
 * yet) and last when ascending; the NULL placement is spelled out because PostgreSQL and CockroachDB differ in
 * their defaults.
 */
public enum SortOrder {
    START_TIME_DESC("StartTime", "start_time", true, "start_time DESC, run_id"),
    START_TIME_ASC("StartTime", "start_time", false, "start_time ASC, run_id"),
    CLOSE_TIME_DESC("CloseTime", "close_time", true, "close_time DESC NULLS FIRST, run_id"),
    CLOSE_TIME_ASC("CloseTime", "close_time", false, "close_time ASC NULLS LAST, run_id"),
    EXECUTION_TIME_DESC("ExecutionTime", "execution_time", true, "execution_time DESC, run_id"),
    EXECUTION_TIME_ASC("ExecutionTime", "execution_time", false, "execution_time ASC, run_id");

    /** Without ORDER BY: newest first. */
    public static final SortOrder DEFAULT = START_TIME_DESC;

    private final String attribute;
    private final String column;
    private final boolean descending;
    private final String sql;

    SortOrder(String attribute, String column, boolean descending, String sql) {
        this.attribute = attribute;
        this.column = column;
        this.descending = descending;
        this.sql = sql;
    }

    /** The search attribute sorted on: StartTime, CloseTime or ExecutionTime. */
    public String attribute() {
        return attribute;
    }

    /** The {@code executions} column sorted on; read it from the last row of a page to build its {@link PageToken}. */
    public String column() {
        return column;
    }

    public boolean descending() {
        return descending;
    }

    /** Whether the sort column may be NULL (only {@code close_time}). */
    public boolean nullable() {
        return column.equals("close_time");
    }

    /** The ORDER BY list, without the words ORDER BY. */
    public String sql() {
        return sql;
    }

    /** The order whose {@link #sql()} is {@code orderBy}, as found in {@link SqlFilter#orderBy()}. */
    public static SortOrder fromSql(String orderBy) {
        for (SortOrder order : values()) {
            if (order.sql.equals(orderBy)) {
                return order;
            }
        }
        throw new IllegalArgumentException("not an ORDER BY this package produces: " + orderBy);
    }

    static SortOrder of(String attribute, boolean descending) {
        for (SortOrder order : values()) {
            if (order.attribute.equals(attribute) && order.descending == descending) {
                return order;
            }
        }
        return null;
    }
}
