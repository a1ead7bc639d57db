package io.cadenza.dataplane.metering;

/** The values of a usage event's {@code action} field (billing/README.md, "What is an action"). */
public final class Actions {

    public static final String WORKFLOW_STARTED = "workflow.started";
    public static final String WORKFLOW_RESET = "workflow.reset";
    public static final String SEARCH_ATTRIBUTES_UPSERTED = "search-attributes.upserted";
    public static final String ACTIVITY_STARTED = "activity.started";
    public static final String ACTIVITY_HEARTBEAT = "activity.heartbeat";
    public static final String LOCAL_ACTIVITIES_RECORDED = "local-activities.recorded";
    public static final String TIMER_STARTED = "timer.started";
    public static final String SIGNAL = "signal";
    public static final String QUERY = "query";
    public static final String UPDATE = "update";
    public static final String SCHEDULE_ACTION = "schedule.action";
    public static final String SCHEDULE_CREATED = "schedule.created";
    public static final String SCHEDULE_UPDATED = "schedule.updated";
    public static final String SCHEDULE_DELETED = "schedule.deleted";

    private Actions() {
    }
}
