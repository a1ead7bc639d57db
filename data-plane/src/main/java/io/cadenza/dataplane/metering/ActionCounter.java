package io.cadenza.dataplane.metering;

import io.cadenza.dataplane.common.ExecutionKey;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one committed update of a run is billed: pure, from the history events the update commits and the
 * {@link UsageFact}s its transitions reported. The definition (billing/README.md, "What is an action"):
 * <ul>
 *   <li>WorkflowExecutionStarted: 1, whoever started the run (client, child, continue-as-new, cron, retry,
 *       schedule). A signal-with-start that creates the run counts 1 in total: the WorkflowExecutionSignaled written
 *       with the run's first events is not counted again.</li>
 *   <li>A reset: 1 for the new run; the events it copies from the base run and the ones the reset itself writes
 *       (WorkflowTaskFailed, reapplied signals) count nothing more.</li>
 *   <li>StartChildWorkflowExecutionInitiated: 1 (the child's own start is another 1: a child is 2).</li>
 *   <li>ActivityTaskScheduled: 1 (Approval inbox tasks are activities); each retry: 1; each heartbeat: 1.</li>
 *   <li>Local activities: 1 per workflow task completion that records any LocalActivity marker.</li>
 *   <li>TimerStarted, WorkflowExecutionSignaled, UpsertWorkflowSearchAttributes, WorkflowExecutionUpdateAccepted,
 *       and an update rejected by the workflow: 1 each.</li>
 * </ul>
 * Everything else (workflow tasks, completions, cancellations, timeouts, SignalExternalWorkflowExecutionInitiated,
 * whose signal is counted where it is received) counts 0. Ids are derived from the run and the event id (or the
 * fact), so a commit retried after a failure yields the same ids.
 */
public final class ActionCounter {

    /** Marker names SDKs record local activity results under (Java/Go SDK, Core-based SDKs). */
    static final Set<String> LOCAL_ACTIVITY_MARKERS = Set.of("LocalActivity", "core_local_activity");

    private ActionCounter() {
    }

    /**
     * @param run        the run the update changed (or created), its namespace given by name (as billing knows it)
     * @param events     the history events the update commits, in order
     * @param adopted    how many leading {@code events} were copied from another run (a reset's new run); 0 otherwise
     * @param facts      what the update's transitions reported besides events
     * @param transition the run's state transition count this update commits (unique per run and update)
     * @param nowMillis  the update's time
     */
    public static List<UsageRecord> count(ExecutionKey run, List<HistoryEvent> events, int adopted,
                                          List<UsageFact> facts, long transition, long nowMillis) {
        List<UsageRecord> out = new ArrayList<>();
        String ns = run.namespaceId();
        if (adopted > 0) {
            // A reset: the copied prefix was billed in the base run; the new run is one action.
            long firstNew = adopted < events.size() ? events.get(adopted).getEventId() : adopted + 1L;
            out.add(UsageRecord.action(eventId(run, firstNew), ns, Actions.WORKFLOW_RESET, 1, nowMillis));
            addFacts(out, run, facts, transition, nowMillis);
            return out;
        }
        boolean startsRun = events.stream()
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
        boolean localActivitiesCounted = false;
        for (HistoryEvent e : events) {
            String action = switch (e.getEventType()) {
                case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
                        Actions.WORKFLOW_STARTED;
                case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> startsRun ? null : Actions.SIGNAL;
                case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> Actions.SEARCH_ATTRIBUTES_UPSERTED;
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> Actions.ACTIVITY_STARTED;
                case EVENT_TYPE_TIMER_STARTED -> Actions.TIMER_STARTED;
                case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> Actions.UPDATE;
                case EVENT_TYPE_MARKER_RECORDED -> !localActivitiesCounted
                        && LOCAL_ACTIVITY_MARKERS.contains(e.getMarkerRecordedEventAttributes().getMarkerName())
                        ? Actions.LOCAL_ACTIVITIES_RECORDED : null;
                default -> null;
            };
            if (action != null) {
                localActivitiesCounted |= action.equals(Actions.LOCAL_ACTIVITIES_RECORDED);
                out.add(UsageRecord.action(eventId(run, e.getEventId()), ns, action, 1, nowMillis));
            }
        }
        addFacts(out, run, facts, transition, nowMillis);
        return out;
    }

    private static void addFacts(List<UsageRecord> out, ExecutionKey run, List<UsageFact> facts, long transition,
                                 long nowMillis) {
        String ns = run.namespaceId();
        for (UsageFact fact : facts) {
            if (fact instanceof UsageFact.ActivityRetried r) {
                out.add(UsageRecord.action(eventId(run, r.scheduledEventId()) + "/" + r.attempt(), ns,
                        Actions.ACTIVITY_STARTED, 1, nowMillis));
            } else if (fact instanceof UsageFact.UpdateRejected r) {
                out.add(UsageRecord.action(prefix("a:", run) + "update:" + r.updateId(), ns, Actions.UPDATE, 1,
                        nowMillis));
            } else if (fact instanceof UsageFact.Heartbeat h) {
                // One heartbeat per update of the run: the transition count tells this one from the others.
                out.add(UsageRecord.action(prefix("h:", run) + h.scheduledEventId() + "/" + h.attempt() + "/"
                        + transition, ns, Actions.ACTIVITY_HEARTBEAT, 1, nowMillis));
            }
        }
    }

    static String eventId(ExecutionKey run, long eventId) {
        return prefix("a:", run) + eventId;
    }

    private static String prefix(String kind, ExecutionKey run) {
        return kind + run.namespaceId() + "/" + run.workflowId() + "/" + run.runId() + "/";
    }

    /** The id of a query answered by a worker ({@code run}'s namespace given by name). */
    public static UsageRecord query(ExecutionKey run, String queryId, long nowMillis) {
        return UsageRecord.action(prefix("q:", run) + queryId, run.namespaceId(), Actions.QUERY, 1, nowMillis);
    }

    /**
     * A schedule operation ({@code namespace} by name): {@code op} is {@code created}, {@code updated}, {@code deleted} or {@code action};
     * {@code version} the schedule's version the operation wrote (for a delete: the last version). The schedule's
     * creation time tells a schedule from an earlier one with the same id.
     */
    public static UsageRecord schedule(String namespace, String scheduleId, long createTimeMillis, String op,
                                       long version, String action, long quantity, long nowMillis) {
        return UsageRecord.action("s:" + namespace + "/" + scheduleId + "/" + op + "/" + version + "/"
                + createTimeMillis, namespace, action, quantity, nowMillis);
    }
}
