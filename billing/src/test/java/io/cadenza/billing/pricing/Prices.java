package io.cadenza.billing.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The default price book, as in application.properties. */
final class Prices {
    static final Plan ESSENTIALS = new Plan("essentials", "Essentials", new BigDecimal("100"), new BigDecimal("0.05"),
            1_000_000, new BigDecimal("1"), new BigDecimal("40"));
    static final Plan BUSINESS = new Plan("business", "Business", new BigDecimal("500"), new BigDecimal("0.10"),
            2_500_000, new BigDecimal("2.5"), new BigDecimal("100"));
    static final PriceBook BOOK = new PriceBook(
            PriceBook.parseTiers(List.of("5000000:50", "10000000:45", "20000000:40", "50000000:35", "100000000:30",
                    "*:25")),
            new BigDecimal("0.042"), new BigDecimal("0.00105"),
            Map.of("essentials", ESSENTIALS, "business", BUSINESS), "essentials");

    private Prices() {
    }
}
