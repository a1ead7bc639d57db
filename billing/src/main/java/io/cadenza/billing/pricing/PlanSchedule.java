package io.cadenza.billing.pricing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which plan applies on which day of a month. Proration is by whole UTC days: a change applies from the day it was
 * made (that day is billed on the new plan); of several changes on one day the last wins. Days before the account's
 * first plan are billed on no plan (no fee, nothing included).
 */
public final class PlanSchedule {
    private PlanSchedule() {
    }

    public static List<PlanSegment> segments(List<PlanChange> history, YearMonth month, PriceBook prices) {
        List<PlanChange> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparing(PlanChange::effectiveAt));
        List<PlanSegment> segments = new ArrayList<>();
        LocalDate end = month.atEndOfMonth().plusDays(1);
        Plan current = null;
        LocalDate segmentStart = null;
        for (LocalDate day = month.atDay(1); day.isBefore(end); day = day.plusDays(1)) {
            Plan plan = planOn(sorted, day, prices);
            if (plan != current) {
                if (current != null) {
                    segments.add(new PlanSegment(current, segmentStart, day));
                }
                current = plan;
                segmentStart = day;
            }
        }
        if (current != null) {
            segments.add(new PlanSegment(current, segmentStart, end));
        }
        return segments;
    }

    private static Plan planOn(List<PlanChange> sorted, LocalDate day, PriceBook prices) {
        Plan plan = null;
        for (PlanChange change : sorted) {
            if (change.effectiveAt().atZone(ZoneOffset.UTC).toLocalDate().isAfter(day)) {
                break;
            }
            Plan p = prices.plan(change.planId());
            if (p == null) {
                throw new IllegalStateException("plan '" + change.planId() + "' in the account's history is not in "
                        + "the price book");
            }
            plan = p;
        }
        return plan;
    }
}
