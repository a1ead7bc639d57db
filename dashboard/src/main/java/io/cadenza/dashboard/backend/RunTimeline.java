package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graphical timeline of one run, built from its history (and, while it runs, the pending activities of its
 * description): one lane for all workflow tasks, one per activity, human approval, timer and child workflow, each a
 * row of time segments, plus instant markers for signals, updates, cancel requests and the run's close. Pure and
 * deterministic: {@code now} closes what is still open.
 *
 * <p>Temporal's history keeps the start time of an activity's <em>last</em> attempt only (with its attempt number and
 * the previous attempt's failure); earlier attempts are drawn as equal slices of the time before it, each titled
 * with its number, and flagged {@link Segment#approximate()}. While the activity is pending, the description's last
 * attempt times are exact.
 */
public final class RunTimeline {

    /** The reserved task queue of human approval tasks (see approvals/README.md). */
    public static final String HUMAN_QUEUE = "cadenza-human";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunTimeline() {
    }

    public enum LaneKind { WORKFLOW_TASKS, ACTIVITY, APPROVAL, TIMER, CHILD_WORKFLOW }

    /** What a segment shows; the renderer gives each its colour. */
    public enum SegmentKind {
        /** Scheduled, not yet picked up (schedule-to-start). */
        WAITING,
        RUNNING,
        COMPLETED,
        /** An attempt that failed and was retried. */
        FAILED_ATTEMPT,
        /** Waiting for the next attempt after a failure. */
        BACKOFF,
        FAILED,
        TIMED_OUT,
        CANCELED,
        TERMINATED,
        /** A timer that fired. */
        FIRED,
        /** A human approval task waiting for a decision. */
        AWAITING_DECISION,
        /** A human approval task decided. */
        DECIDED
    }

    public enum MarkerKind { SIGNAL, UPDATE, CANCEL_REQUEST, SIGNAL_SENT, MARKER, CLOSE }

    /** A stretch of time in a lane; {@code open} when it lasts until now. */
    public record Segment(SegmentKind kind, Instant from, Instant to, boolean open, boolean approximate,
                          String title) {
    }

    /** One row: what it is, its status in words and its segments in time order. */
    public record Lane(LaneKind kind, String label, String status, List<Segment> segments, long firstEventId) {

        public Instant from() {
            return segments.get(0).from();
        }

        public Instant to() {
            return segments.get(segments.size() - 1).to();
        }
    }

    /** Something that happened at one instant. */
    public record Marker(MarkerKind kind, Instant at, String label, long eventId) {
    }

    /** The whole picture: from the run's start to its close (or now), lanes in the order they began. */
    public record Timeline(Instant start, Instant end, boolean running, List<Lane> lanes, List<Marker> markers) {

        public Duration span() {
            return Duration.between(start, end);
        }
    }

    /** Builds the timeline of {@code history}; {@code pending} (may be empty) refines activities still running. */
    public static Timeline build(List<HistoryEvent> history, List<PendingActivityInfo> pending, Instant now) {
        if (history.isEmpty()) {
            return new Timeline(now, now, false, List.of(), List.of());
        }
        Instant start = HistoryTimeline.instant(history.get(0).getEventTime());
        Instant last = HistoryTimeline.instant(history.get(history.size() - 1).getEventTime());
        HistoryEvent close = history.stream().filter(RunTimeline::closesRun).findFirst().orElse(null);
        Instant end = close != null ? HistoryTimeline.instant(close.getEventTime()) : max(now, last);
        Builder b = new Builder(end, close == null, pending);
        for (HistoryEvent e : history) {
            b.add(e);
        }
        return new Timeline(start, end, close == null, b.lanes(), List.copyOf(b.markers));
    }

    static boolean closesRun(HistoryEvent e) {
        return switch (e.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
                 EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
                 EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> true;
            default -> false;
        };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** An SDK's generated id (a UUID) cut to its first 8 characters; short, chosen ids stay as they are. */
    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 8) + "…" : id;
    }

    /** The {@code title} of an approval request (its one JSON argument), or null. */
    static String approvalTitle(Payloads input) {
        JsonNode request = firstJson(input);
        return request == null || !request.hasNonNull("title") ? null : request.get("title").asText();
    }

    /** "approve by alice" from an approval's result JSON, or null. */
    static String decision(Payloads result) {
        JsonNode r = firstJson(result);
        if (r == null || !r.hasNonNull("outcome")) {
            return null;
        }
        return r.get("outcome").asText() + (r.hasNonNull("completedBy") ? " by " + r.get("completedBy").asText() : "");
    }

    private static JsonNode firstJson(Payloads payloads) {
        if (payloads == null || payloads.getPayloadsCount() == 0) {
            return null;
        }
        try {
            return JSON.readTree(payloads.getPayloads(0).getData().toStringUtf8());
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String failureText(Failure f) {
        return f == null || f.getMessage().isEmpty() ? "" : PayloadText.causeChain(f);
    }

    /** Folds events into lanes; one instance per build. */
    private static final class Builder {
        private final Instant end;
        private final boolean running;
        private final Map<String, PendingActivityInfo> pendingById = new LinkedHashMap<>();
        private final Map<Long, Open> open = new LinkedHashMap<>();
        private final List<Open> all = new ArrayList<>();
        private final List<Marker> markers = new ArrayList<>();
        private final List<Segment> workflowTasks = new ArrayList<>();
        private long firstWorkflowTask = -1;
        private int workflowTaskCount;
        private int workflowTaskFailures;

        Builder(Instant end, boolean running, List<PendingActivityInfo> pending) {
            this.end = end;
            this.running = running;
            pending.forEach(p -> pendingById.put(p.getActivityId(), p));
        }

        /** A lane being built: its opening event and what followed. */
        private static final class Open {
            LaneKind kind;
            String label;
            String activityId;
            long firstEventId;
            Instant scheduled;
            Instant started;
            int attempt = 1;
            Failure lastFailure;
            Instant closed;
            SegmentKind outcome;
            String outcomeText;
            String detail = "";
        }

        void add(HistoryEvent e) {
            Instant at = HistoryTimeline.instant(e.getEventTime());
            long id = e.getEventId();
            switch (e.getEventType()) {
                case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> {
                    Open o = open(id, LaneKind.WORKFLOW_TASKS, "Workflow task", at);
                    all.remove(o);
                    if (firstWorkflowTask < 0) {
                        firstWorkflowTask = id;
                    }
                }
                case EVENT_TYPE_WORKFLOW_TASK_STARTED -> started(e.getWorkflowTaskStartedEventAttributes()
                        .getScheduledEventId(), at);
                case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> workflowTaskClosed(
                        e.getWorkflowTaskCompletedEventAttributes().getScheduledEventId(), at, SegmentKind.COMPLETED,
                        "completed");
                case EVENT_TYPE_WORKFLOW_TASK_FAILED -> workflowTaskClosed(
                        e.getWorkflowTaskFailedEventAttributes().getScheduledEventId(), at, SegmentKind.FAILED,
                        "failed: " + e.getWorkflowTaskFailedEventAttributes().getCause().name()
                                .replaceFirst("^WORKFLOW_TASK_FAILED_CAUSE_", "") + " "
                                + failureText(e.getWorkflowTaskFailedEventAttributes().getFailure()));
                case EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> workflowTaskClosed(
                        e.getWorkflowTaskTimedOutEventAttributes().getScheduledEventId(), at, SegmentKind.TIMED_OUT,
                        "timed out");
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                    var a = e.getActivityTaskScheduledEventAttributes();
                    boolean human = HUMAN_QUEUE.equals(a.getTaskQueue().getName());
                    String title = human ? approvalTitle(a.getInput()) : null;
                    Open o = open(id, human ? LaneKind.APPROVAL : LaneKind.ACTIVITY, human
                            ? "Approval: " + (title == null ? a.getActivityId() : title)
                            : a.getActivityType().getName() + " (" + shortId(a.getActivityId()) + ")", at);
                    o.activityId = a.getActivityId();
                    o.detail = human ? "human task on " + HUMAN_QUEUE : "task queue " + a.getTaskQueue().getName();
                }
                case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                    var a = e.getActivityTaskStartedEventAttributes();
                    Open o = started(a.getScheduledEventId(), at);
                    if (o != null) {
                        o.attempt = Math.max(1, a.getAttempt());
                        o.lastFailure = a.hasLastFailure() ? a.getLastFailure() : null;
                    }
                }
                case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
                    var a = e.getActivityTaskCompletedEventAttributes();
                    Open o = closed(a.getScheduledEventId(), at, SegmentKind.COMPLETED, "completed");
                    if (o != null && o.kind == LaneKind.APPROVAL) {
                        String decision = decision(a.getResult());
                        o.outcome = SegmentKind.DECIDED;
                        o.outcomeText = decision == null ? "decided" : decision;
                    }
                }
                case EVENT_TYPE_ACTIVITY_TASK_FAILED -> closed(e.getActivityTaskFailedEventAttributes()
                        .getScheduledEventId(), at, SegmentKind.FAILED, "failed: "
                        + failureText(e.getActivityTaskFailedEventAttributes().getFailure()));
                case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> closed(e.getActivityTaskTimedOutEventAttributes()
                        .getScheduledEventId(), at, SegmentKind.TIMED_OUT, "timed out: "
                        + failureText(e.getActivityTaskTimedOutEventAttributes().getFailure()));
                case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> closed(e.getActivityTaskCanceledEventAttributes()
                        .getScheduledEventId(), at, SegmentKind.CANCELED, "canceled");
                case EVENT_TYPE_TIMER_STARTED -> {
                    var a = e.getTimerStartedEventAttributes();
                    Duration d = Duration.ofSeconds(a.getStartToFireTimeout().getSeconds(),
                            a.getStartToFireTimeout().getNanos());
                    Open o = open(id, LaneKind.TIMER, "Timer " + shortId(a.getTimerId()) + " ("
                            + Durations.format(d) + ")", at);
                    o.detail = "fires at " + at.plus(d);
                }
                case EVENT_TYPE_TIMER_FIRED -> closed(e.getTimerFiredEventAttributes().getStartedEventId(), at,
                        SegmentKind.FIRED, "fired");
                case EVENT_TYPE_TIMER_CANCELED -> closed(e.getTimerCanceledEventAttributes().getStartedEventId(), at,
                        SegmentKind.CANCELED, "canceled");
                case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
                    var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
                    open(id, LaneKind.CHILD_WORKFLOW, "Child " + a.getWorkflowType().getName() + " ("
                            + a.getWorkflowId() + ")", at).detail = "workflow id " + a.getWorkflowId();
                }
                case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> started(
                        e.getChildWorkflowExecutionStartedEventAttributes().getInitiatedEventId(), at);
                case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED -> closed(
                        e.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), at,
                        SegmentKind.FAILED, "could not start: "
                                + e.getStartChildWorkflowExecutionFailedEventAttributes().getCause().name());
                case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> closed(
                        e.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId(), at,
                        SegmentKind.COMPLETED, "completed");
                case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> closed(
                        e.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), at,
                        SegmentKind.FAILED, "failed: "
                                + failureText(e.getChildWorkflowExecutionFailedEventAttributes().getFailure()));
                case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> closed(
                        e.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId(), at,
                        SegmentKind.TIMED_OUT, "timed out");
                case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED -> closed(
                        e.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId(), at,
                        SegmentKind.CANCELED, "canceled");
                case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED -> closed(
                        e.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId(), at,
                        SegmentKind.TERMINATED, "terminated");
                case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> markers.add(new Marker(MarkerKind.SIGNAL, at,
                        "Signal " + e.getWorkflowExecutionSignaledEventAttributes().getSignalName(), id));
                case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> markers.add(new Marker(MarkerKind.UPDATE, at,
                        "Update " + e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest()
                                .getInput().getName() + " accepted", id));
                case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> markers.add(new Marker(MarkerKind.UPDATE, at,
                        "Update completed", id));
                case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> markers.add(new Marker(
                        MarkerKind.CANCEL_REQUEST, at, "Cancel requested", id));
                case EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> markers.add(new Marker(
                        MarkerKind.SIGNAL_SENT, at, "Signal " + e.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                        .getSignalName() + " sent to " + e.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                        .getWorkflowExecution().getWorkflowId(), id));
                case EVENT_TYPE_MARKER_RECORDED -> markers.add(new Marker(MarkerKind.MARKER, at, "Marker "
                        + e.getMarkerRecordedEventAttributes().getMarkerName(), id));
                default -> {
                    if (closesRun(e)) {
                        markers.add(new Marker(MarkerKind.CLOSE, at, HistoryTimeline.eventName(e.getEventType()),
                                id));
                    }
                }
            }
        }

        private Open open(long id, LaneKind kind, String label, Instant at) {
            Open o = new Open();
            o.kind = kind;
            o.label = label;
            o.firstEventId = id;
            o.scheduled = at;
            open.put(id, o);
            all.add(o);
            return o;
        }

        private Open started(long openingId, Instant at) {
            Open o = open.get(openingId);
            if (o != null) {
                o.started = at;
            }
            return o;
        }

        private Open closed(long openingId, Instant at, SegmentKind outcome, String text) {
            Open o = open.remove(openingId);
            if (o != null) {
                o.closed = at;
                o.outcome = outcome;
                o.outcomeText = text;
            }
            return o;
        }

        private void workflowTaskClosed(long scheduledId, Instant at, SegmentKind outcome, String text) {
            Open o = open.remove(scheduledId);
            if (o == null) {
                return;
            }
            if (outcome == SegmentKind.COMPLETED) {
                workflowTaskCount++;
            } else {
                workflowTaskFailures++;
            }
            workflowTasks.add(new Segment(outcome, o.scheduled, at, false, false, "Workflow task " + text
                    + " (scheduled " + o.scheduled + (o.started == null ? "" : ", schedule to start "
                    + Durations.format(Duration.between(o.scheduled, o.started)) + ", start to close "
                    + Durations.format(Duration.between(o.started, at))) + ")"));
        }

        List<Lane> lanes() {
            List<Lane> lanes = new ArrayList<>();
            // workflow tasks still open (scheduled or started)
            for (Open o : open.values()) {
                if (o.kind == LaneKind.WORKFLOW_TASKS) {
                    workflowTasks.add(new Segment(o.started == null ? SegmentKind.WAITING : SegmentKind.RUNNING,
                            o.scheduled, end, running, false, "Workflow task " + (o.started == null
                            ? "waiting for a worker" : "running") + " since " + o.scheduled));
                }
            }
            if (!workflowTasks.isEmpty()) {
                workflowTasks.sort(Comparator.comparing(Segment::from));
                lanes.add(new Lane(LaneKind.WORKFLOW_TASKS, "Workflow tasks", workflowTaskCount + " completed"
                        + (workflowTaskFailures > 0 ? ", " + workflowTaskFailures + " failed" : ""),
                        List.copyOf(workflowTasks), firstWorkflowTask));
            }
            for (Open o : all) {
                lanes.add(switch (o.kind) {
                    case ACTIVITY -> activity(o);
                    case APPROVAL -> approval(o);
                    default -> simple(o);
                });
            }
            lanes.sort(Comparator.comparingLong(Lane::firstEventId));
            return lanes;
        }

        private Lane simple(Open o) {
            List<Segment> segments = new ArrayList<>();
            if (o.closed != null) {
                if (o.kind == LaneKind.CHILD_WORKFLOW && o.started != null) {
                    segments.add(new Segment(SegmentKind.WAITING, o.scheduled, o.started, false, false,
                            "initiated, starting"));
                    segments.add(new Segment(o.outcome, o.started, o.closed, false, false, o.outcomeText));
                } else {
                    segments.add(new Segment(o.outcome, o.scheduled, o.closed, false, false, o.outcomeText + " after "
                            + Durations.format(Duration.between(o.scheduled, o.closed))));
                }
                return new Lane(o.kind, o.label, capitalized(o.outcomeText), segments, o.firstEventId);
            }
            String what = o.kind == LaneKind.TIMER ? "waiting, " + o.detail : o.started == null ? "starting"
                    : "running";
            segments.add(new Segment(SegmentKind.RUNNING, o.scheduled, end, running, false, what));
            return new Lane(o.kind, o.label, running ? capitalized(what) : "Not closed", segments, o.firstEventId);
        }

        private Lane approval(Open o) {
            Instant to = o.closed != null ? o.closed : end;
            String waited = Durations.format(Duration.between(o.scheduled, to));
            List<Segment> segments = new ArrayList<>();
            String status;
            if (o.closed == null) {
                status = "Waiting for a decision for " + waited;
                segments.add(new Segment(SegmentKind.AWAITING_DECISION, o.scheduled, to, running, false, status));
            } else {
                status = capitalized(o.outcomeText) + " after " + waited;
                segments.add(new Segment(o.outcome, o.scheduled, to, false, false, status));
            }
            return new Lane(LaneKind.APPROVAL, o.label, status, segments, o.firstEventId);
        }

        private Lane activity(Open o) {
            List<Segment> segments = new ArrayList<>();
            PendingActivityInfo p = o.closed == null ? pendingById.get(o.activityId) : null;
            int attempt = o.attempt;
            Failure lastFailure = o.lastFailure;
            Instant finalStart = o.started;
            Instant previousStart = null;
            Instant previousEnd = null;
            boolean backoff = false;
            if (p != null) {
                attempt = Math.max(1, p.getAttempt());
                lastFailure = p.hasLastFailure() ? p.getLastFailure() : lastFailure;
                boolean startedNow = p.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                        || p.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED;
                if (startedNow && p.hasLastStartedTime()) {
                    finalStart = HistoryTimeline.instant(p.getLastStartedTime());
                } else if (!startedNow && attempt > 1) {
                    // between attempts: the last one failed, the next is due at scheduled_time
                    finalStart = null;
                    backoff = true;
                    if (p.hasLastStartedTime() && p.hasLastAttemptCompleteTime()) {
                        previousStart = HistoryTimeline.instant(p.getLastStartedTime());
                        previousEnd = HistoryTimeline.instant(p.getLastAttemptCompleteTime());
                    }
                }
            }
            int failedBefore = attempt - 1;
            Instant retriesEnd = backoff ? (previousEnd != null ? previousEnd : end) : finalStart;
            if (failedBefore > 0 && retriesEnd != null) {
                Instant from = o.scheduled;
                int approximated = previousStart != null ? failedBefore - 1 : failedBefore;
                Instant approxEnd = previousStart != null ? previousStart : retriesEnd;
                Duration slice = Duration.between(from, approxEnd).dividedBy(Math.max(1, approximated));
                for (int k = 1; k <= approximated; k++) {
                    Instant to = k == approximated ? approxEnd : from.plus(slice);
                    segments.add(new Segment(SegmentKind.FAILED_ATTEMPT, from, to, false, true, "Attempt " + k
                            + " failed" + (k == failedBefore && lastFailure != null ? ": " + failureText(lastFailure)
                            : "") + " (the history keeps the times of the last attempt only)"));
                    from = to;
                }
                if (previousStart != null) {
                    segments.add(new Segment(SegmentKind.FAILED_ATTEMPT, previousStart, previousEnd, false, false,
                            "Attempt " + failedBefore + " failed" + (lastFailure != null ? ": "
                            + failureText(lastFailure) : "")));
                }
            }
            if (backoff) {
                Instant next = p.hasScheduledTime() ? HistoryTimeline.instant(p.getScheduledTime()) : null;
                segments.add(new Segment(SegmentKind.BACKOFF, retriesEnd, end, running, false, "Waiting to retry"
                        + (next == null ? "" : ": attempt " + attempt + " at " + next)));
                return new Lane(LaneKind.ACTIVITY, o.label, "Retrying: attempt " + attempt + " next"
                        + (lastFailure != null ? ", last failure: " + lastFailure.getMessage() : ""), segments,
                        o.firstEventId);
            }
            if (finalStart == null) {
                segments.add(new Segment(o.closed == null ? SegmentKind.WAITING : o.outcome, o.scheduled,
                        o.closed == null ? end : o.closed, o.closed == null && running, false, o.closed == null
                        ? "Scheduled, waiting for a worker on " + o.detail : o.outcomeText + " before it started"));
                return new Lane(LaneKind.ACTIVITY, o.label, o.closed == null ? "Waiting for a worker"
                        : capitalized(o.outcomeText), segments, o.firstEventId);
            }
            if (attempt == 1) {
                segments.add(new Segment(SegmentKind.WAITING, o.scheduled, finalStart, false, false,
                        "Schedule to start " + Durations.format(Duration.between(o.scheduled, finalStart))));
            }
            Instant to = o.closed == null ? end : o.closed;
            String what = "Attempt " + attempt + (o.closed == null ? " running" : " " + o.outcomeText) + " ("
                    + Durations.format(Duration.between(finalStart, to)) + ")";
            segments.add(new Segment(o.closed == null ? SegmentKind.RUNNING : o.outcome, finalStart, to,
                    o.closed == null && running, false, what));
            String status = (o.closed == null ? "Running" : capitalized(o.outcomeText.replaceFirst(":.*", "")))
                    + (attempt > 1 ? " on attempt " + attempt + " (" + (attempt - 1) + " failed)" : "");
            return new Lane(LaneKind.ACTIVITY, o.label, status, segments, o.firstEventId);
        }

        private static String capitalized(String s) {
            return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}
