package io.cadenza.billing.pricing;

import java.math.BigDecimal;

/**
 * One band of the action price: actions numbered above the previous tier's bound up to {@code upTo} (inclusive) cost
 * {@code pricePerMillion} per million. {@code upTo} is null for the last, open-ended band.
 */
public record Tier(Long upTo, BigDecimal pricePerMillion) {
    public Tier {
        if (pricePerMillion == null || pricePerMillion.signum() < 0) {
            throw new IllegalArgumentException("a tier needs a non-negative price per million");
        }
        if (upTo != null && upTo <= 0) {
            throw new IllegalArgumentException("a tier's upper bound must be positive (got " + upTo + ")");
        }
    }
}
