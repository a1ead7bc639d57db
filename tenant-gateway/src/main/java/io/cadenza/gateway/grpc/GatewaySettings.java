package io.cadenza.gateway.grpc;

import java.time.Duration;
import java.util.Optional;

/**
 * The proxy core's settings, independent of Quarkus configuration so tests can build the core directly.
 *
 * @param devMode              unauthenticated calls may use namespace {@code default}
 * @param internalToken        sent to cells as {@code cadenza-internal-token} when present
 * @param fallbackCellEndpoint answers GetSystemInfo for callers without namespaces, when present
 * @param maxCallTimeout       the longest a forwarded call may take (applies when the caller's deadline is
 *                             longer or absent)
 * @param maxMessageSize       largest request or response in bytes
 */
public record GatewaySettings(boolean devMode, Optional<String> internalToken, Optional<String> fallbackCellEndpoint,
        Duration maxCallTimeout, int maxMessageSize) {
}
