package io.cadenza.dataplane.execution.standalone;

/**
 * The unit of work of one update of an activity id: the latest run as loaded, a new run to create, and what the
 * commit must be followed by. Transitions only record here; {@link StandaloneActivityManager} commits and then
 * hands tasks to matching.
 */
public final class StandaloneChange {

    private final long now;
    private final StandaloneActivity current;
    private StandaloneActivity created;
    private boolean changed;
    private boolean dispatch;
    private boolean retried;
    private boolean delete;
    /** Billable actions this change makes: {id suffix, action}, written with the commit (billing/README.md). */
    private final java.util.List<String[]> metered = new java.util.ArrayList<>();

    StandaloneChange(long now, StandaloneActivity current) {
        this.now = now;
        this.current = current;
    }

    public long now() {
        return now;
    }

    /** The latest run of the activity id (null when it has none), or the run this update created. */
    public StandaloneActivity current() {
        return created != null ? created : current;
    }

    /** Starts a new run; it becomes the id's latest run once committed. */
    public void create(StandaloneActivity run) {
        this.created = run;
    }

    /** Deletes the latest run's row (DeleteActivityExecution). */
    public void delete() {
        this.delete = true;
    }

    /**
     * Counts one billable {@code action} of the latest run, committed with this change; {@code fact} makes its
     * usage-event id unique and deterministic within the run (e.g. "start", "attempt/2").
     */
    public void meter(String fact, String action) {
        metered.add(new String[]{fact, action});
    }

    java.util.List<String[]> metered() {
        return metered;
    }

    void changed() {
        changed = true;
    }

    void dispatch() {
        dispatch = true;
    }

    void retried() {
        retried = true;
    }

    StandaloneActivity created() {
        return created;
    }

    boolean needsCommit() {
        return changed || created != null || delete;
    }

    boolean dispatchRequested() {
        return dispatch;
    }

    /** A failed attempt was scheduled for retry (where metering would count a retry). */
    boolean retryScheduled() {
        return retried;
    }

    boolean deleteRequested() {
        return delete;
    }

    /** For recovery: hand the run's pending task to matching again. */
    public void redispatch() {
        dispatch = true;
    }
}
