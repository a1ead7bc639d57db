package io.cadenza.billing.pricing;

import java.math.BigDecimal;

/**
 * A plan as Temporal Cloud sells them: the monthly fee is the greater of {@code minimumFee} and {@code usageShare} of
 * the month's usage spend; {@code included*} amounts of usage per month cost nothing.
 *
 * @param id               wire name ({@code essentials}, {@code business})
 * @param minimumFee       dollars per month
 * @param usageShare       fraction of the usage spend, e.g. 0.05
 * @param includedActions  actions per month
 * @param includedActiveGb GB of active storage held all month (so GB x hours-in-month GB-hours)
 * @param includedRetainedGb GB of retained storage held all month
 */
public record Plan(String id, String displayName, BigDecimal minimumFee, BigDecimal usageShare, long includedActions,
                   BigDecimal includedActiveGb, BigDecimal includedRetainedGb) {
}
