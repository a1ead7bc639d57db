package io.cadenza.billing.pricing;

/** A month's usage of one namespace and type: actions, or byte-hours of storage. */
public record UsageLine(String namespaceId, UsageType type, long quantity) {
}
