package io.cadenza.billing.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices and plans (configuration; defaults after Temporal Cloud's public prices). Storage is priced per GB-hour with
 * GB = 10^9 bytes.
 */
public record PriceBook(List<Tier> actionTiers, BigDecimal activeStoragePerGbHour,
                        BigDecimal retainedStoragePerGbHour, Map<String, Plan> plans, String defaultPlan) {

    public PriceBook {
        actionTiers = List.copyOf(actionTiers);
        plans = Map.copyOf(plans);
        if (actionTiers.isEmpty() || actionTiers.get(actionTiers.size() - 1).upTo() != null) {
            throw new IllegalArgumentException("the action tiers must end with an open-ended tier (upTo '*')");
        }
        long previous = 0;
        for (int i = 0; i < actionTiers.size() - 1; i++) {
            long upTo = actionTiers.get(i).upTo();
            if (upTo <= previous) {
                throw new IllegalArgumentException("action tier bounds must increase (" + upTo + " after "
                        + previous + ")");
            }
            previous = upTo;
        }
        if (!plans.containsKey(defaultPlan)) {
            throw new IllegalArgumentException("the default plan '" + defaultPlan + "' is not among the plans "
                    + plans.keySet());
        }
    }

    public Plan plan(String id) {
        return plans.get(id);
    }

    /**
     * Parses tiers written as {@code upTo:pricePerMillion}, the last with {@code *} as bound, e.g.
     * {@code 5000000:50, *:25}.
     */
    public static List<Tier> parseTiers(List<String> specs) {
        List<Tier> tiers = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("an action tier is 'upTo:pricePerMillion' or '*:pricePerMillion' "
                        + "(got '" + spec + "')");
            }
            Long upTo = parts[0].trim().equals("*") ? null : Long.parseLong(parts[0].trim());
            tiers.add(new Tier(upTo, new BigDecimal(parts[1].trim())));
        }
        return tiers;
    }
}
