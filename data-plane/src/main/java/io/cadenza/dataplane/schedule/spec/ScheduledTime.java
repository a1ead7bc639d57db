package io.cadenza.dataplane.schedule.spec;

import java.time.Instant;
import java.util.Objects;

/**
 * One time a schedule fires: the {@code nominal} time the spec matched, and the {@code actual} time the action
 * should happen, which is the nominal time plus the schedule's deterministic jitter. Temporal records both on a
 * buffered start and passes the nominal one to the workflow as its scheduled time.
 */
public record ScheduledTime(Instant nominal, Instant actual) {

    public ScheduledTime {
        Objects.requireNonNull(nominal, "nominal");
        Objects.requireNonNull(actual, "actual");
    }
}
