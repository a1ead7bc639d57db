package io.cadenza.gateway.cache;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An asynchronous cache whose entries expire at a time computed from each value, with single-flight loading:
 * concurrent gets of a missing key share one load. Failed loads are not cached.
 */
public final class ExpiringCache<K, V> {

    private static final class Slot<V> {
        final CompletableFuture<V> future = new CompletableFuture<>();
        /** null while loading. */
        volatile Instant expiresAt;

        boolean usable(Instant now) {
            Instant e = expiresAt;
            return e == null || now.isBefore(e);
        }
    }

    private final ConcurrentHashMap<K, Slot<V>> slots = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final int maxEntries;
    private final BiFunction<V, Instant, Instant> expiry;

    /**
     * @param expiry given a loaded value and the time it was loaded, when it stops being served
     */
    public ExpiringCache(InstantSource clock, int maxEntries, BiFunction<V, Instant, Instant> expiry) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.expiry = expiry;
    }

    public CompletableFuture<V> get(K key, Function<K, CompletionStage<V>> loader) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        Slot<V>[] created = new Slot[1];
        Slot<V> slot = slots.compute(key, (k, current) -> {
            if (current != null && current.usable(now)) {
                return current;
            }
            created[0] = new Slot<>();
            return created[0];
        });
        if (created[0] == null) {
            return slot.future;
        }
        if (slots.size() > maxEntries) {
            evictExpired(now);
        }
        CompletionStage<V> loading;
        try {
            loading = loader.apply(key);
        } catch (RuntimeException e) {
            loading = CompletableFuture.failedFuture(e);
        }
        loading.whenComplete((value, error) -> {
            if (error != null) {
                slots.remove(key, slot);
                slot.future.completeExceptionally(error);
                return;
            }
            slot.expiresAt = expiry.apply(value, clock.instant());
            slot.future.complete(value);
        });
        return slot.future;
    }

    /** Forgets a key (the next get loads it again). */
    public void invalidate(K key) {
        slots.remove(key);
    }

    public int size() {
        return slots.size();
    }

    private void evictExpired(Instant now) {
        slots.entrySet().removeIf(e -> !e.getValue().usable(now));
        if (slots.size() > maxEntries) {
            // Still over the bound with only fresh entries: drop them all rather than grow without limit.
            slots.entrySet().removeIf(e -> e.getValue().expiresAt != null);
        }
    }
}
