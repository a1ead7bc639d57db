package io.cadenza.dataplane.schedule.spec;

/**
 * The search for a schedule's next time gave up: the spec's exclusions removed more than
 * {@value CompiledScheduleSpec#MAX_ITERATIONS} consecutive candidate times. Temporal answers such a
 * ListScheduleMatchingTimes with InvalidArgument and takes no further scheduled action until the spec changes.
 */
public final class ScheduleComputeLimitException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ScheduleComputeLimitException() {
        super("the schedule calendar specification has too many exclusions. Please modify the specification.");
    }
}
