package io.cadenza.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceCalculatorTest {
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    private static final long GB = 1_000_000_000L;
    private final InvoiceCalculator calculator = new InvoiceCalculator(Prices.BOOK);

    private static List<PlanSegment> wholeMonth(Plan plan) {
        return List.of(new PlanSegment(plan, DECEMBER.atDay(1), DECEMBER.atEndOfMonth().plusDays(1)));
    }

    private static BigDecimal usd(String s) {
        return new BigDecimal(s);
    }

    @Test
    void tiersPriceEachActionByItsNumberInTheMonth() {
        assertThat(calculator.actionsCost(5_000_000, 0)).isEqualByComparingTo("250");
        assertThat(calculator.actionsCost(10_000_000, 1_000_000)).isEqualByComparingTo("425");
        assertThat(calculator.actionsCost(150_000_000, 0)).isEqualByComparingTo("4675");
        // the 5,000,001st action is the first of the second tier
        assertThat(calculator.actionsCost(5_000_001, 0)).isEqualByComparingTo("250.000045");
        assertThat(calculator.actionsCost(500_000, 1_000_000)).isEqualByComparingTo("0");
    }

    @Test
    void includedActionsAreFreeAndTheMinimumFeeApplies() {
        // given Essentials all month and 5,000,000 actions: 1M included, 4M at $50 per million
        var priced = calculator.price(DECEMBER, wholeMonth(Prices.ESSENTIALS),
                List.of(new UsageLine("a.acc", UsageType.ACTIONS, 3_000_000),
                        new UsageLine("b.acc", UsageType.ACTIONS, 2_000_000)));
        // then usage 200 is shared 3:2, and the fee is the $100 minimum (5% of 200 is only 10)
        assertThat(priced.usageSpend()).isEqualByComparingTo("200");
        assertThat(priced.lines()).extracting(InvoiceLine::amount)
                .containsExactly(usd("120.00"), usd("80.00"), usd("100.00"));
        assertThat(priced.total()).isEqualTo(usd("300.00"));
    }

    @Test
    void theUsageShareWinsOverTheMinimumWhenLarger() {
        // given Business and 62.5M actions: 2.5M included
        var priced = calculator.price(DECEMBER, wholeMonth(Prices.BUSINESS),
                List.of(new UsageLine("a.acc", UsageType.ACTIONS, 62_500_000)));
        // 2.5M..5M at 50 = 125, 5M at 45 = 225, 10M at 40 = 400, 30M at 35 = 1050, 12.5M at 30 = 375 -> 2175
        assertThat(priced.usageSpend()).isEqualByComparingTo("2175");
        // 10% of 2175 = 217.5 < 500 minimum
        assertThat(priced.lines().get(1).amount()).isEqualTo(usd("500.00"));

        var big = calculator.price(DECEMBER, wholeMonth(Prices.BUSINESS),
                List.of(new UsageLine("a.acc", UsageType.ACTIONS, 200_000_000)));
        // 2175 + 37.5M at 30 (1125) + 100M at 25 (2500) = 5800 -> 10% = 580 > 500
        assertThat(big.usageSpend()).isEqualByComparingTo("5800");
        assertThat(big.lines().get(1).amount()).isEqualTo(usd("580.00"));
        assertThat(big.total()).isEqualTo(usd("6380.00"));
    }

    @Test
    void includedStorageIsGbHeldAllMonth() {
        // 1 GB active all December (744 h) is exactly Essentials' allowance; 2 GB costs 744 GB-h x 0.042 = 31.248
        var exact = calculator.price(DECEMBER, wholeMonth(Prices.ESSENTIALS),
                List.of(new UsageLine("a.acc", UsageType.ACTIVE_STORAGE, 744 * GB)));
        assertThat(exact.lines().get(0).amount()).isEqualTo(usd("0.00"));
        assertThat(exact.lines().get(0).quantity()).isEqualByComparingTo("744");
        assertThat(exact.lines().get(0).unit()).isEqualTo("GB-hours");

        var twice = calculator.price(DECEMBER, wholeMonth(Prices.ESSENTIALS),
                List.of(new UsageLine("a.acc", UsageType.ACTIVE_STORAGE, 2 * 744 * GB),
                        new UsageLine("a.acc", UsageType.RETAINED_STORAGE, 41 * 744 * GB)));
        assertThat(twice.lines()).extracting(InvoiceLine::amount)
                // active 31.248 -> 31.25; retained 744 x 0.00105 = 0.7812 -> 0.78; fee 100
                .containsExactly(usd("31.25"), usd("0.78"), usd("100.00"));
    }

    @Test
    void eachLineIsRoundedHalfEvenOnce() {
        // given no plan (no fee, nothing included): 10,000 actions cost 0.50, shared 2,500 : 7,500
        var priced = calculator.price(DECEMBER, List.of(),
                List.of(new UsageLine("a.acc", UsageType.ACTIONS, 2_500),
                        new UsageLine("b.acc", UsageType.ACTIONS, 7_500)));
        // 0.125 -> 0.12 and 0.375 -> 0.38 (half-even; half-up would give 0.13)
        assertThat(priced.lines()).extracting(InvoiceLine::amount).containsExactly(usd("0.12"), usd("0.38"));
        assertThat(priced.total()).isEqualTo(usd("0.50"));
    }

    @Test
    void aPlanChangeProratesFeesAndAllowancesByDay() {
        // given Essentials since November, Business from 15 December 10:00 UTC
        var history = List.of(new PlanChange("essentials", Instant.parse("2026-11-03T08:00:00Z")),
                new PlanChange("business", Instant.parse("2026-12-15T10:00:00Z")));
        var segments = PlanSchedule.segments(history, DECEMBER, Prices.BOOK);
        assertThat(segments).extracting(PlanSegment::days).containsExactly(14L, 17L);
        // then included actions are (1M x 14 + 2.5M x 17) / 31 = 1,822,580 (rounded down)
        assertThat(InvoiceCalculator.includedActions(segments, 31)).isEqualTo(1_822_580);
        var priced = calculator.price(DECEMBER, segments, List.of());
        // fees 100 x 14/31 = 45.1612.. and 500 x 17/31 = 274.1935..
        assertThat(priced.lines()).extracting(InvoiceLine::amount).containsExactly(usd("45.16"), usd("274.19"));
        assertThat(priced.total()).isEqualTo(usd("319.35"));
        assertThat(priced.lines().get(1).description()).contains("Business plan, Dec 15-31 (17 of 31 days)");
    }

    @Test
    void theLastChangeOfADayWinsAndDaysBeforeTheFirstPlanAreFree() {
        var history = List.of(new PlanChange("essentials", Instant.parse("2026-12-10T08:00:00Z")),
                new PlanChange("business", Instant.parse("2026-12-20T08:00:00Z")),
                new PlanChange("essentials", Instant.parse("2026-12-20T09:00:00Z")));
        var segments = PlanSchedule.segments(history, DECEMBER, Prices.BOOK);
        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).from()).isEqualTo(DECEMBER.atDay(10));
        assertThat(segments.get(0).days()).isEqualTo(22);
    }

    @Test
    void anAdjustmentIsTheDifferenceOfTheClosedMonthsTotals() {
        YearMonth november = YearMonth.of(2026, 11);
        List<PlanSegment> segments = PlanSchedule.segments(
                List.of(new PlanChange("essentials", Instant.parse("2026-10-01T00:00:00Z"))), november, Prices.BOOK);
        var billed = calculator.price(november, segments, List.of(new UsageLine("a.acc", UsageType.ACTIONS,
                5_000_000)));
        var withLate = calculator.price(november, segments, List.of(new UsageLine("a.acc", UsageType.ACTIONS,
                5_100_000)));
        InvoiceLine line = InvoiceCalculator.adjustment(november, billed, withLate, 100_000);
        // 100,000 late actions in the second tier at $45 per million; the fee stays at the minimum
        assertThat(line.amount()).isEqualTo(usd("4.50"));
        assertThat(line.kind()).isEqualTo(InvoiceLine.Kind.ADJUSTMENT);
        assertThat(line.description()).contains("November 2026");
    }

    @Test
    void aPriceBookRefusesTiersWithoutAnOpenEnd() {
        assertThatThrownBy(() -> new PriceBook(PriceBook.parseTiers(List.of("5000000:50")), BigDecimal.ONE,
                BigDecimal.ONE, java.util.Map.of("essentials", Prices.ESSENTIALS), "essentials"))
                .hasMessageContaining("open-ended");
        assertThatThrownBy(() -> PriceBook.parseTiers(List.of("5000000")))
                .hasMessageContaining("upTo:pricePerMillion");
    }
}
