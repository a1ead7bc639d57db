package io.cadenza.dataplane.matching;

import java.util.concurrent.CompletableFuture;

/**
 * The life of one long poll. When the caller goes away (a worker shutting down cancels its polls), the parked poll
 * leaves its queue at once, so no task is handed to a worker that can no longer receive it.
 */
public final class PollScope {

    private volatile boolean cancelled;
    private volatile CompletableFuture<MatchingTask> parked;

    /** Called when the gRPC call is cancelled. */
    public void cancel() {
        cancelled = true;
        CompletableFuture<MatchingTask> p = parked;
        if (p != null) {
            p.complete(null);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void park(CompletableFuture<MatchingTask> poll) {
        parked = poll;
        if (cancelled) {
            poll.complete(null);
        }
    }

    /** A scope for polls nobody cancels (internal callers, tests). */
    public static PollScope uncancellable() {
        return new PollScope();
    }
}
