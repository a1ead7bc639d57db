package io.cadenza.billing.pricing;

import java.time.LocalDate;

/** Whole UTC days {@code [from, to)} of a month spent on one plan. */
public record PlanSegment(Plan plan, LocalDate from, LocalDate to) {
    public long days() {
        return to.toEpochDay() - from.toEpochDay();
    }
}
