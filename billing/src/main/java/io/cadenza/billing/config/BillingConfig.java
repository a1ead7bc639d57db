package io.cadenza.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Billing's configuration ({@code cadenza.billing.*}); defaults in application.properties, see billing/README.md. */
@ConfigMapping(prefix = "cadenza.billing")
public interface BillingConfig {

    Prices prices();

    /** The plans by id ({@code essentials}, {@code business}). */
    Map<String, PlanConfig> plans();

    /** The plan a new account starts on. */
    @WithDefault("essentials")
    String defaultPlan();

    /** The account of the dev namespace {@code default} (the one namespace id without an account suffix). */
    @WithDefault("dev00")
    String devAccountId();

    Invoices invoices();

    ControlPlane controlPlane();

    interface Prices {
        /** Action tiers {@code upTo:pricePerMillion}, the last {@code *:price}. */
        List<String> actionTiers();

        /** Dollars per GB-hour (GB = 10^9 bytes) of active storage. */
        BigDecimal activeStoragePerGbHour();

        /** Dollars per GB-hour of retained storage. */
        BigDecimal retainedStoragePerGbHour();
    }

    interface PlanConfig {
        String displayName();

        /** Dollars per month. */
        BigDecimal minimumFee();

        /** Fraction of the month's usage spend the plan fee is at least (0.05 = 5%). */
        BigDecimal usageShare();

        long includedActions();

        BigDecimal includedActiveGb();

        BigDecimal includedRetainedGb();
    }

    interface Invoices {
        /** How long after a month ends its invoice is finalized (events arriving until then are not late). */
        @WithDefault("1h")
        Duration finalizeAfter();

        /** How often finalization looks for months to close. */
        @WithDefault("60s")
        Duration closeEvery();

        /** Invoice numbers are {@code <prefix>-<year>-<6-digit sequence>}. */
        @WithDefault("CDZ")
        String numberPrefix();
    }

    interface ControlPlane {
        /** Base URL of the control plane; unset: tenants cannot be authenticated and namespaces map by id format. */
        Optional<String> url();

        /** Keycloak token endpoint for billing's own client-credentials token. */
        @WithDefault("http://127.0.0.1:8180/realms/cadenza/protocol/openid-connect/token")
        String tokenUrl();

        @WithDefault("cadenza-billing")
        String clientId();

        @WithDefault("cadenza-billing-dev-secret")
        String clientSecret();

        @WithDefault("5s")
        Duration timeout();

        /** How long a resolved bearer token is reused (never past its validUntil). */
        @WithDefault("5s")
        Duration authCacheTtl();
    }
}
