package io.cadenza.billing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is exact decimal dollars until a line is rounded, once, half-even to cents. */
public final class Money {
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    public static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);

    private Money() {
    }

    public static BigDecimal cents(BigDecimal exact) {
        return exact.setScale(2, RoundingMode.HALF_EVEN);
    }
}
