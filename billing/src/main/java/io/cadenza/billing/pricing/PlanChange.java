package io.cadenza.billing.pricing;

import java.time.Instant;

/** From {@code effectiveAt} on, the account is on {@code planId}. */
public record PlanChange(String planId, Instant effectiveAt) {
}
