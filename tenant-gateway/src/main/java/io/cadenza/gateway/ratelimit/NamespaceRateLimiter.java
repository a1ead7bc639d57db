package io.cadenza.gateway.ratelimit;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-namespace limits: a requests-per-second bucket over every RPC of the namespace and an actions-per-second
 * bucket over the RPCs that count as actions. Each namespace has its own buckets (and locks), so one namespace's
 * flood is refused without slowing any other.
 */
public final class NamespaceRateLimiter {

    /** Hint for clients, as in gRPC's retry throttling. */
    public static final Metadata.Key<String> RETRY_PUSHBACK_MS =
            Metadata.Key.of("grpc-retry-pushback-ms", Metadata.ASCII_STRING_MARSHALLER);

    private record Buckets(TokenBucket requests, TokenBucket actions) {
    }

    private final ConcurrentHashMap<String, Buckets> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final long defaultActionsPerSecond;
    private final long defaultRequestsPerSecond;

    public NamespaceRateLimiter(long defaultActionsPerSecond, long defaultRequestsPerSecond, LongSupplier nanoClock) {
        this.defaultActionsPerSecond = defaultActionsPerSecond;
        this.defaultRequestsPerSecond = defaultRequestsPerSecond;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes a request token (and an action token for actions) from the namespace's buckets.
     *
     * @param actionsPerSecond  the namespace's configured limit, or {@code <= 0} for the default
     * @param requestsPerSecond the namespace's configured limit, or {@code <= 0} for the default
     * @return RESOURCE_EXHAUSTED (with a retry hint) if a limit is exceeded
     */
    public Optional<StatusRuntimeException> acquire(String namespace, long actionsPerSecond, long requestsPerSecond,
            boolean action) {
        long aps = actionsPerSecond > 0 ? actionsPerSecond : defaultActionsPerSecond;
        long rps = requestsPerSecond > 0 ? requestsPerSecond : defaultRequestsPerSecond;
        Buckets b = buckets.computeIfAbsent(namespace,
                ns -> new Buckets(new TokenBucket(rps, nanoClock), new TokenBucket(aps, nanoClock)));
        b.requests().setRate(rps);
        b.actions().setRate(aps);
        long wait = b.requests().tryAcquire();
        if (wait > 0) {
            return Optional.of(exhausted(namespace, rps, "requests", wait));
        }
        if (action) {
            wait = b.actions().tryAcquire();
            if (wait > 0) {
                return Optional.of(exhausted(namespace, aps, "actions", wait));
            }
        }
        return Optional.empty();
    }

    private static StatusRuntimeException exhausted(String namespace, long limit, String what, long waitNanos) {
        Metadata trailers = new Metadata();
        trailers.put(RETRY_PUSHBACK_MS, Long.toString(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos))));
        return Status.RESOURCE_EXHAUSTED
                .withDescription("namespace " + namespace + " exceeded its limit of " + limit + " " + what
                        + " per second")
                .asRuntimeException(trailers);
    }
}
