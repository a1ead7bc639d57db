package io.cadenza.gateway.routing;

import io.cadenza.gateway.cache.ExpiringCache;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Remembers a directory's answers (including "does not exist") for a short time. */
public final class CachingNamespaceDirectory implements NamespaceDirectory {

    private final NamespaceDirectory delegate;
    private final ExpiringCache<String, Optional<NamespaceRoute>> cache;

    public CachingNamespaceDirectory(NamespaceDirectory delegate, Duration ttl, InstantSource clock) {
        this.delegate = delegate;
        this.cache = new ExpiringCache<>(clock, 100_000, (route, now) -> now.plus(ttl));
    }

    @Override
    public CompletionStage<Optional<NamespaceRoute>> lookup(String namespaceId) {
        return cache.get(namespaceId, delegate::lookup);
    }
}
