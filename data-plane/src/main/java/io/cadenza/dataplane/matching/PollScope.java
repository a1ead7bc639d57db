package io.cadenza.dataplane.matching;

import java.util.concurrent.CompletableFuture;

/**
 * The life of one long poll. When the caller goes away (a worker shutting down cancels its polls), the parked poll
 * leaves its queue at once, so no task is handed to a worker that can no longer receive it.
 */
public final class PollScope {

    /**
     * A task the cell's queue owner matched to this poll before handing it here ({@code only}: the poll answers
     * with that task or empty; it never waits on this instance's queues, which do not hold the queue).
     */
    public record Pin(MatchingTask task, boolean only) {
    }

    /** Set (in the gRPC context of a poll) by the instance that matched the poll with a task. */
    public static final io.grpc.Context.Key<Pin> PINNED = io.grpc.Context.key("cadenza-pinned-task");

    private volatile boolean cancelled;
    private volatile CompletableFuture<MatchingTask> parked;
    private volatile Pin pin = PINNED.get();

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

    /** The pinned task, once: the first poll of this scope takes it. */
    MatchingTask takePinned() {
        Pin p = pin;
        if (p == null || p.task() == null) {
            return null;
        }
        pin = new Pin(null, p.only());
        return p.task();
    }

    /** Whether this poll may only answer with its pinned task. */
    boolean pinnedOnly() {
        Pin p = pin;
        return p != null && p.only();
    }

    /** A scope for polls nobody cancels (internal callers, tests). */
    public static PollScope uncancellable() {
        return new PollScope();
    }
}
