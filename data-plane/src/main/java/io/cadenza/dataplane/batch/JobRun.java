package io.cadenza.dataplane.batch;

import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.BatchStore;
import io.cadenza.dataplane.persistence.BatchStore.BatchJob;
import io.cadenza.dataplane.persistence.BatchStore.Outcome;
import io.cadenza.dataplane.persistence.BatchStore.Target;
import io.temporal.api.enums.v1.BatchOperationState;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One running batch job on this instance: takes its pending targets page by page (in order), applies the operation
 * to each at most {@code max_operations_per_second} and with at most {@code concurrency} in flight, records each
 * outcome, and closes the job COMPLETED when no target is left. A run that is closed or gone counts as done; an
 * operation the engine refuses counts as failed; transient errors are retried a few times first. The state lives
 * in the store: a crash loses at most the outcomes of the operations in flight, which are applied again after the
 * restart under the same request id and so change nothing twice (see {@link BatchOperations}).
 */
final class JobRun {

    private static final Logger LOG = Logger.getLogger(JobRun.class);
    private static final int PAGE = 100;

    private final BatchJob job;
    private final BatchOperation operation;
    private final BatchStore store;
    private final BatchOperations operations;
    private final NamespaceRegistry namespaces;
    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final DataPlaneConfig.Batch config;
    private final Runnable onEnd;
    private final long intervalMillis;
    private final ArrayDeque<Target> queue = new ArrayDeque<>();
    private long cursor;
    private boolean exhausted;
    private boolean fetching;
    private boolean stopped;
    private boolean ended;
    private int inFlight;
    private long nextPermitMillis;

    JobRun(BatchJob job, BatchOperation operation, BatchStore store, BatchOperations operations,
           NamespaceRegistry namespaces, InstantSource clock, ScheduledExecutorService timer,
           DataPlaneConfig.Batch config, Runnable onEnd) {
        this.job = job;
        this.operation = operation;
        this.store = store;
        this.operations = operations;
        this.namespaces = namespaces;
        this.clock = clock;
        this.timer = timer;
        this.config = config;
        this.onEnd = onEnd;
        this.intervalMillis = Math.max(1, Math.round(1000.0 / job.opsPerSecond()));
    }

    int shardId() {
        return job.shardId();
    }

    synchronized void stop() {
        stopped = true;
        pump();
    }

    /** Moves the job on: fetches targets, dispatches within rate and concurrency, and ends it when all are done. */
    synchronized void pump() {
        if (ended) {
            return;
        }
        if (!stopped && !namespaces.isActive(job.namespaceId())) {
            stopped = true;
        }
        if (stopped) {
            if (inFlight == 0) {
                end();
            }
            return;
        }
        if (queue.isEmpty() && !exhausted && !fetching) {
            fetch();
            return;
        }
        if (queue.isEmpty() && exhausted && inFlight == 0) {
            ended = true;
            store.close(job.namespaceId(), job.jobId(), BatchOperationState.BATCH_OPERATION_STATE_COMPLETED,
                    clock.millis()).whenComplete((closed, e) -> {
                if (e != null) {
                    LOG.warnf("closing batch job %s failed; it is picked up again: %s", job.jobId(), e.getMessage());
                } else if (closed) {
                    LOG.infof("batch job %s of namespace %s completed", job.jobId(), job.namespaceId());
                }
                onEnd.run();
            });
            return;
        }
        while (!queue.isEmpty() && inFlight < config.concurrency()) {
            Target target = queue.poll();
            long now = clock.millis();
            long at = Math.max(now, nextPermitMillis);
            nextPermitMillis = at + intervalMillis;
            inFlight++;
            timer.schedule(() -> apply(target, 1), at - now, TimeUnit.MILLISECONDS);
        }
    }

    /** The next page of pending targets; also sees a stop made elsewhere (the job's row no longer running). */
    private void fetch() {
        fetching = true;
        store.find(job.namespaceId(), job.jobId())
                .thenCompose(current -> {
                    if (current.isEmpty() || !current.get().running()) {
                        synchronized (this) {
                            stopped = true;
                        }
                        return java.util.concurrent.CompletableFuture.completedFuture(java.util.List.<Target>of());
                    }
                    return store.pending(job.namespaceId(), job.jobId(), cursor, PAGE);
                })
                .whenComplete((page, e) -> {
                    synchronized (this) {
                        fetching = false;
                        if (e != null) {
                            LOG.warnf("reading batch job %s failed, retrying: %s", job.jobId(), e.getMessage());
                            timer.schedule(this::pump, config.scanMillis(), TimeUnit.MILLISECONDS);
                            return;
                        }
                        queue.addAll(page);
                        if (!page.isEmpty()) {
                            cursor = page.get(page.size() - 1).seq();
                        }
                        exhausted = page.size() < PAGE;
                        pump();
                    }
                });
    }

    private void apply(Target target, int attempt) {
        synchronized (this) {
            if (stopped) {
                inFlight--;
                pump();
                return;
            }
        }
        Namespace ns;
        try {
            ns = namespaces.byId(job.namespaceId());
        } catch (RuntimeException e) {
            synchronized (this) {
                stopped = true;
                inFlight--;
                pump();
            }
            return;
        }
        operations.apply(ns, job.jobId(), operation, target).whenComplete((v, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause != null && transient_(cause) && attempt < config.attempts()) {
                timer.schedule(() -> apply(target, attempt + 1), 200L * attempt, TimeUnit.MILLISECONDS);
                return;
            }
            Outcome outcome = cause == null || isNotFound(cause) ? Outcome.DONE : Outcome.FAILED;
            String error = outcome == Outcome.DONE ? null : message(cause);
            store.record(job.namespaceId(), job.jobId(), target.seq(), outcome, error).whenComplete((r, f) -> {
                if (f != null) {
                    // Not recorded: the target stays pending and is applied again (harmlessly) when the job resumes.
                    LOG.warnf("recording batch job %s target %d failed: %s", job.jobId(), target.seq(),
                            f.getMessage());
                }
                synchronized (this) {
                    inFlight--;
                    if (f != null) {
                        queue.addFirst(target);
                    }
                    pump();
                }
            });
        });
    }

    private void end() {
        ended = true;
        onEnd.run();
    }

    private static boolean isNotFound(Throwable e) {
        return CadenzaException.is(e, CadenzaException.Kind.NOT_FOUND);
    }

    private static boolean transient_(Throwable e) {
        if (e instanceof CadenzaException c) {
            return switch (c.kind()) {
                case UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, INTERNAL, ABORTED -> true;
                default -> false;
            };
        }
        return true;
    }

    private static String message(Throwable e) {
        if (e instanceof CadenzaException c) {
            return c.kind() + ": " + c.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
