package io.cadenza.billing.pricing;

import java.math.BigDecimal;

/**
 * One line of an invoice, its amount already rounded to cents.
 *
 * @param namespaceId for usage lines; null otherwise
 * @param type        for usage lines; null otherwise
 * @param quantity    actions, GB-hours (storage), days (plan fee), or late actions (adjustment)
 */
public record InvoiceLine(Kind kind, String description, String namespaceId, UsageType type, BigDecimal quantity,
                          String unit, BigDecimal amount) {

    public enum Kind { USAGE, PLAN_FEE, ADJUSTMENT }
}
