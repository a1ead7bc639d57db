package io.cadenza.dataplane.schedule.spec;

import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.UNRECOGNIZED;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a schedule does with an action whose time has come, by overlap policy: Temporal's {@code ProcessBuffer}
 * ({@code service/worker/scheduler/buffer.go}, shared by the CHASM scheduler) as a decision table. The buffer is
 * walked in order; each start's {@link Decision} depends on its policy and on the {@link Situation} so far.
 */
public final class OverlapPolicies {

    /** Where the walk over the buffer stands when a start is considered. */
    public enum Situation {
        /** Nothing is running and no start has been chosen yet. */
        IDLE,
        /** Nothing is running, but an earlier start in the buffer was chosen to run now; the new buffer is empty. */
        START_CHOSEN,
        /** As {@link #START_CHOSEN}, and the new buffer already holds a start. */
        START_CHOSEN_BUFFER_OCCUPIED,
        /** A previous action is still running; the new buffer is empty. */
        RUNNING,
        /** A previous action is still running and the new buffer already holds a start. */
        RUNNING_BUFFER_OCCUPIED
    }

    /** What happens to one buffered start. */
    public enum Decision {
        /** Start it now as the one non-overlapping action. */
        START,
        /** Start it now, regardless of anything running (ALLOW_ALL). */
        START_CONCURRENTLY,
        /** Keep it in the buffer for when the running action ends. */
        BUFFER,
        /** Drop it (counted as an overlap skip). */
        SKIP,
        /** Start it instead of the start chosen earlier, which is dropped without being counted. */
        REPLACE_CHOSEN,
        /** Cancel the running action and keep this one buffered to start once it has ended. */
        CANCEL_RUNNING_THEN_START,
        /** Terminate the running action and keep this one buffered to start once it has ended. */
        TERMINATE_RUNNING_THEN_START
    }

    private static final Map<ScheduleOverlapPolicy, Map<Situation, Decision>> TABLE =
            new EnumMap<>(ScheduleOverlapPolicy.class);

    static {
        // columns: IDLE, START_CHOSEN, START_CHOSEN_BUFFER_OCCUPIED, RUNNING, RUNNING_BUFFER_OCCUPIED
        row(SCHEDULE_OVERLAP_POLICY_SKIP,
                Decision.START, Decision.SKIP, Decision.SKIP, Decision.SKIP, Decision.SKIP);
        row(SCHEDULE_OVERLAP_POLICY_BUFFER_ONE,
                Decision.START, Decision.BUFFER, Decision.SKIP, Decision.BUFFER, Decision.SKIP);
        row(SCHEDULE_OVERLAP_POLICY_BUFFER_ALL,
                Decision.START, Decision.BUFFER, Decision.BUFFER, Decision.BUFFER, Decision.BUFFER);
        row(SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER,
                Decision.START, Decision.REPLACE_CHOSEN, Decision.REPLACE_CHOSEN,
                Decision.CANCEL_RUNNING_THEN_START, Decision.CANCEL_RUNNING_THEN_START);
        row(SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER,
                Decision.START, Decision.REPLACE_CHOSEN, Decision.REPLACE_CHOSEN,
                Decision.TERMINATE_RUNNING_THEN_START, Decision.TERMINATE_RUNNING_THEN_START);
        row(SCHEDULE_OVERLAP_POLICY_ALLOW_ALL,
                Decision.START_CONCURRENTLY, Decision.START_CONCURRENTLY, Decision.START_CONCURRENTLY,
                Decision.START_CONCURRENTLY, Decision.START_CONCURRENTLY);
    }

    private static void row(ScheduleOverlapPolicy policy, Decision idle, Decision chosen, Decision chosenOccupied,
            Decision running, Decision runningOccupied) {
        Map<Situation, Decision> row = new EnumMap<>(Situation.class);
        row.put(Situation.IDLE, idle);
        row.put(Situation.START_CHOSEN, chosen);
        row.put(Situation.START_CHOSEN_BUFFER_OCCUPIED, chosenOccupied);
        row.put(Situation.RUNNING, running);
        row.put(Situation.RUNNING_BUFFER_OCCUPIED, runningOccupied);
        TABLE.put(policy, row);
    }

    /** A start waiting in a schedule's buffer (Temporal's {@code BufferedStart}). */
    public record BufferedStart(Instant nominal, Instant actual, ScheduleOverlapPolicy overlapPolicy,
            boolean manual) {
    }

    /**
     * The result of one pass over the buffer (Temporal's {@code ProcessBufferResult}).
     *
     * @param startConcurrently ALLOW_ALL starts to launch now, alongside anything running (empty whenever a cancel
     *     or terminate is requested: they would be cancelled or terminated right away)
     * @param start the one non-overlapping start to launch now, if any
     * @param newBuffer what stays buffered, in order
     * @param cancelRunning whether to request cancellation of the running action
     * @param terminateRunning whether to terminate the running action
     * @param overlapSkipped how many starts were dropped by SKIP or BUFFER_ONE
     */
    public record BufferOutcome<T>(List<T> startConcurrently, Optional<T> start, List<T> newBuffer,
            boolean cancelRunning, boolean terminateRunning, int overlapSkipped) {
    }

    private OverlapPolicies() {
    }

    /**
     * The policy that applies: the start's own, else the schedule's, else SKIP. Temporal resolves this when the
     * buffer is processed, not when a start is buffered, so a policy update affects starts already waiting.
     */
    public static ScheduleOverlapPolicy resolve(ScheduleOverlapPolicy requested, ScheduleOverlapPolicy scheduled) {
        if (isSet(requested)) {
            return requested;
        }
        return isSet(scheduled) ? scheduled : SCHEDULE_OVERLAP_POLICY_SKIP;
    }

    private static boolean isSet(ScheduleOverlapPolicy p) {
        return p != null && p != SCHEDULE_OVERLAP_POLICY_UNSPECIFIED && p != UNRECOGNIZED;
    }

    /** One cell of the table; {@code policy} must be resolved (see {@link #resolve}). */
    public static Decision decide(ScheduleOverlapPolicy policy, Situation situation) {
        Map<Situation, Decision> row = TABLE.get(policy);
        if (row == null) {
            throw new IllegalArgumentException("unresolved overlap policy " + policy);
        }
        return row.get(situation);
    }

    /** {@link #processBuffer(List, boolean, Function, ScheduleOverlapPolicy)} for {@link BufferedStart}s. */
    public static BufferOutcome<BufferedStart> processBuffer(List<BufferedStart> buffer, boolean running,
            ScheduleOverlapPolicy schedulePolicy) {
        return processBuffer(buffer, running, BufferedStart::overlapPolicy, schedulePolicy);
    }

    /**
     * Decides, for every buffered start in order, whether it starts now, stays buffered or is dropped, and
     * whether the running action must be cancelled or terminated first. A new action is handled by appending
     * it to the buffer and calling this. {@code running} says whether a previous non-concurrent action is
     * still running.
     */
    public static <T> BufferOutcome<T> processBuffer(List<T> buffer, boolean running,
            Function<T, ScheduleOverlapPolicy> policyOf, ScheduleOverlapPolicy schedulePolicy) {
        List<T> concurrent = new ArrayList<>();
        List<T> newBuffer = new ArrayList<>();
        T chosen = null;
        boolean cancel = false;
        boolean terminate = false;
        int skipped = 0;
        for (T start : buffer) {
            Objects.requireNonNull(start, "buffered start");
            ScheduleOverlapPolicy policy = resolve(policyOf.apply(start), schedulePolicy);
            switch (decide(policy, situation(running, chosen != null, !newBuffer.isEmpty()))) {
                case START, REPLACE_CHOSEN -> chosen = start;
                case START_CONCURRENTLY -> concurrent.add(start);
                case BUFFER -> newBuffer.add(start);
                case SKIP -> skipped++;
                case CANCEL_RUNNING_THEN_START -> {
                    cancel = true;
                    newBuffer.add(start);
                }
                case TERMINATE_RUNNING_THEN_START -> {
                    terminate = true;
                    newBuffer.add(start);
                }
                default -> throw new IllegalStateException("unhandled decision");
            }
        }
        if (cancel || terminate) {
            concurrent.clear();
        }
        return new BufferOutcome<>(List.copyOf(concurrent), Optional.ofNullable(chosen), List.copyOf(newBuffer),
                cancel, terminate, skipped);
    }

    /** Temporal's branch order: a chosen start only exists while nothing runs. */
    static Situation situation(boolean running, boolean chosen, boolean bufferOccupied) {
        if (running) {
            return bufferOccupied ? Situation.RUNNING_BUFFER_OCCUPIED : Situation.RUNNING;
        }
        if (!chosen) {
            return Situation.IDLE;
        }
        return bufferOccupied ? Situation.START_CHOSEN_BUFFER_OCCUPIED : Situation.START_CHOSEN;
    }
}
