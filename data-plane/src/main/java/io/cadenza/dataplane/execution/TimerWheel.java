package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.ExecutionKey;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Wakes runs up at their next deadline. It only remembers the earliest wake-up per run; what is due is decided
 * from mutable state when the run wakes (see {@link Deadlines}), so losing this wheel in a crash loses nothing:
 * recovery re-registers every open run.
 */
@ApplicationScoped
public class TimerWheel {

    private final InstantSource clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cadenza-timer-wheel");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentMap<ExecutionKey, Long> wakeups = new ConcurrentHashMap<>();
    private volatile Consumer<ExecutionKey> handler = key -> { };

    public TimerWheel(InstantSource clock) {
        this.clock = clock;
    }

    /** The one handler of this wheel's wake-ups (standalone activities keep a wheel of their own). */
    public void onWakeup(Consumer<ExecutionKey> handler) {
        this.handler = handler;
    }

    /** Makes sure {@code key} is woken up no later than {@code atMillis}. */
    public void schedule(ExecutionKey key, long atMillis) {
        wakeups.compute(key, (k, existing) -> {
            if (existing != null && existing <= atMillis) {
                return existing;
            }
            long delay = Math.max(0, atMillis - clock.millis());
            scheduler.schedule(() -> fire(key, atMillis), delay, TimeUnit.MILLISECONDS);
            return atMillis;
        });
    }

    /**
     * Forgets the run's wake-up (it closed: nothing of it is due any more). Its scheduled firing then does
     * nothing, rather than loading a run that may have left the cache.
     */
    public void cancel(ExecutionKey key) {
        wakeups.remove(key);
    }

    /**
     * A wake-up that an earlier one superseded, or that was cancelled, does nothing: the run re-arms its next
     * deadline whenever it is woken or changed.
     */
    private void fire(ExecutionKey key, long atMillis) {
        if (wakeups.remove(key, atMillis)) {
            handler.accept(key);
        }
    }

    /** Wake-ups still to come (for tests and diagnostics). */
    public boolean isScheduled(ExecutionKey key) {
        return wakeups.containsKey(key);
    }

    @PreDestroy
    public void stop() {
        scheduler.shutdownNow();
    }
}
