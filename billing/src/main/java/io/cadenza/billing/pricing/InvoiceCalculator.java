package io.cadenza.billing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices one account's month: pure arithmetic on exact decimals, no I/O, no clock.
 *
 * <ul>
 *   <li>Actions are numbered through the month across all namespaces; the plan's included actions are the first ones
 *       and free; each later action costs its tier's price (tiers by that number: the 5,000,001st action is in the
 *       second tier).</li>
 *   <li>Storage: byte-hours / 10^9 = GB-hours; the included GB are held all month, i.e. GB x 24 x days GB-hours.</li>
 *   <li>Included amounts and the plan fee are prorated by the days each plan was in force.</li>
 *   <li>A type's cost is shared between its namespaces' lines in proportion to their quantity.</li>
 *   <li>Plan fee per plan segment: max(minimum fee, share x usage spend) x days / days-in-month.</li>
 *   <li>Every line is rounded half-even to cents exactly once; the total is the sum of the rounded lines.</li>
 * </ul>
 */
public final class InvoiceCalculator {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000L);
    private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);

    private final PriceBook prices;

    public InvoiceCalculator(PriceBook prices) {
        this.prices = prices;
    }

    /** The month's priced lines (usage per namespace and type, then plan fees) and their total. */
    public record PricedMonth(YearMonth month, List<InvoiceLine> lines, BigDecimal usageSpend, BigDecimal total) {
    }

    public PricedMonth price(YearMonth month, List<PlanSegment> segments, List<UsageLine> usage) {
        long daysInMonth = month.lengthOfMonth();
        Map<UsageType, Map<String, Long>> byType = new EnumMap<>(UsageType.class);
        for (UsageLine u : usage) {
            if (u.quantity() != 0) {
                byType.computeIfAbsent(u.type(), t -> new TreeMap<>()).merge(u.namespaceId(), u.quantity(),
                        Long::sum);
            }
        }
        List<InvoiceLine> lines = new ArrayList<>();
        BigDecimal usageSpend = BigDecimal.ZERO;
        for (UsageType type : UsageType.values()) {
            Map<String, Long> namespaces = byType.get(type);
            if (namespaces == null) {
                continue;
            }
            long total = namespaces.values().stream().mapToLong(Long::longValue).sum();
            BigDecimal cost = typeCost(type, total, segments, daysInMonth);
            usageSpend = usageSpend.add(cost);
            for (Map.Entry<String, Long> ns : namespaces.entrySet()) {
                BigDecimal amount = total == 0 ? Money.ZERO
                        : cost.multiply(BigDecimal.valueOf(ns.getValue()))
                                .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_EVEN);
                lines.add(new InvoiceLine(InvoiceLine.Kind.USAGE, describe(type, ns.getKey()), ns.getKey(), type,
                        displayQuantity(type, ns.getValue()), unit(type), amount));
            }
        }
        for (PlanSegment segment : segments) {
            Plan plan = segment.plan();
            BigDecimal share = plan.usageShare().multiply(usageSpend);
            BigDecimal monthly = share.max(plan.minimumFee());
            BigDecimal fee = monthly.multiply(BigDecimal.valueOf(segment.days()))
                    .divide(BigDecimal.valueOf(daysInMonth), 2, RoundingMode.HALF_EVEN);
            lines.add(new InvoiceLine(InvoiceLine.Kind.PLAN_FEE, describe(plan, segment, month), null, null,
                    BigDecimal.valueOf(segment.days()), "days", fee));
        }
        BigDecimal totalAmount = lines.stream().map(InvoiceLine::amount).reduce(Money.ZERO, BigDecimal::add);
        return new PricedMonth(month, List.copyOf(lines), usageSpend, totalAmount);
    }

    /** The exact (unrounded) cost of a month's total of one type after included amounts. */
    BigDecimal typeCost(UsageType type, long total, List<PlanSegment> segments, long daysInMonth) {
        if (type == UsageType.ACTIONS) {
            return actionsCost(total, includedActions(segments, daysInMonth));
        }
        BigDecimal gbHours = BigDecimal.valueOf(total).divide(Money.BYTES_PER_GB);
        BigDecimal included = BigDecimal.ZERO;
        for (PlanSegment s : segments) {
            BigDecimal gb = type == UsageType.ACTIVE_STORAGE ? s.plan().includedActiveGb()
                    : s.plan().includedRetainedGb();
            included = included.add(gb.multiply(HOURS_PER_DAY).multiply(BigDecimal.valueOf(s.days())));
        }
        BigDecimal billable = gbHours.subtract(included).max(BigDecimal.ZERO);
        BigDecimal price = type == UsageType.ACTIVE_STORAGE ? prices.activeStoragePerGbHour()
                : prices.retainedStoragePerGbHour();
        return billable.multiply(price);
    }

    /** Whole included actions: the plans' monthly allowances weighted by their days, rounded down. */
    static long includedActions(List<PlanSegment> segments, long daysInMonth) {
        long weighted = 0;
        for (PlanSegment s : segments) {
            weighted = Math.addExact(weighted, Math.multiplyExact(s.plan().includedActions(), s.days()));
        }
        return weighted / daysInMonth;
    }

    /** Actions {@code included+1 .. total} priced by the tier each one's number falls in. */
    BigDecimal actionsCost(long total, long included) {
        BigDecimal cost = BigDecimal.ZERO;
        long low = 0;
        for (Tier tier : prices.actionTiers()) {
            long high = tier.upTo() == null ? Long.MAX_VALUE : tier.upTo();
            long from = Math.max(low, included);
            long to = Math.min(high, total);
            if (to > from) {
                cost = cost.add(BigDecimal.valueOf(to - from).multiply(tier.pricePerMillion()).divide(MILLION));
            }
            low = high;
            if (low >= total) {
                break;
            }
        }
        return cost;
    }

    static BigDecimal displayQuantity(UsageType type, long quantity) {
        return type == UsageType.ACTIONS ? BigDecimal.valueOf(quantity)
                : BigDecimal.valueOf(quantity).divide(Money.BYTES_PER_GB);
    }

    static String unit(UsageType type) {
        return type == UsageType.ACTIONS ? "actions" : "GB-hours";
    }

    private static String describe(UsageType type, String namespace) {
        return switch (type) {
            case ACTIONS -> "Actions in " + namespace;
            case ACTIVE_STORAGE -> "Active storage in " + namespace;
            case RETAINED_STORAGE -> "Retained storage in " + namespace;
        };
    }

    private static String describe(Plan plan, PlanSegment segment, YearMonth month) {
        String monthName = month.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        return plan.displayName() + " plan, " + monthName + " " + segment.from().getDayOfMonth() + "-"
                + segment.to().minusDays(1).getDayOfMonth() + " (" + segment.days() + " of " + month.lengthOfMonth()
                + " days): greater of $" + plan.minimumFee().setScale(2) + " and "
                + plan.usageShare().movePointRight(2).stripTrailingZeros().toPlainString() + "% of usage";
    }

    /**
     * The adjustment a later invoice carries for a closed month: the month priced with the late usage minus the month
     * as it was billed so far. Both totals are sums of rounded lines, so the difference is exact cents.
     */
    public static InvoiceLine adjustment(YearMonth closed, PricedMonth billedSoFar, PricedMonth withLateUsage,
                                         long lateActions) {
        BigDecimal amount = withLateUsage.total().subtract(billedSoFar.total());
        String monthName = closed.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + closed.getYear();
        return new InvoiceLine(InvoiceLine.Kind.ADJUSTMENT, "Adjustment for " + monthName
                + ": usage reported after its invoice was finalized", null, null, BigDecimal.valueOf(lateActions),
                "late actions", amount);
    }
}
