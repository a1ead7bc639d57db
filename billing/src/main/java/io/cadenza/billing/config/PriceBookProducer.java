package io.cadenza.billing.config;

import io.cadenza.billing.pricing.InvoiceCalculator;
import io.cadenza.billing.pricing.Plan;
import io.cadenza.billing.pricing.PriceBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the price book from configuration once; a bad price book fails the start-up with the reason. */
@ApplicationScoped
public class PriceBookProducer {

    @Produces
    @Singleton
    PriceBook priceBook(BillingConfig config) {
        Map<String, Plan> plans = new LinkedHashMap<>();
        config.plans().forEach((id, p) -> plans.put(id, new Plan(id, p.displayName(), p.minimumFee(), p.usageShare(),
                p.includedActions(), p.includedActiveGb(), p.includedRetainedGb())));
        return new PriceBook(PriceBook.parseTiers(config.prices().actionTiers()),
                config.prices().activeStoragePerGbHour(), config.prices().retainedStoragePerGbHour(), plans,
                config.defaultPlan());
    }

    @Produces
    @Singleton
    InvoiceCalculator calculator(PriceBook prices) {
        return new InvoiceCalculator(prices);
    }
}
