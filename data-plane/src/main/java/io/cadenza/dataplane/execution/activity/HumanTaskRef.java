package io.cadenza.dataplane.execution.activity;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a pending Approval activity's mutable state that the inbox needs: which inbox task it is and when it
 * becomes overdue. Persisted with the run, so due dates and escalations are derived from state like any other
 * deadline and survive restarts. Times are epoch millis, 0 meaning none.
 */
public final class HumanTaskRef {
    public String taskId;
    public long dueAtMillis;
    /** Groups to add as candidates when overdue (those not already candidates). */
    public List<String> escalateTo = new ArrayList<>();
    /** Set once the due date passed and the inbox row was flagged (and escalated). */
    public boolean overdue;
}
