package io.cadenza.dataplane.retention;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.namespace.NamespaceStore;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.cadenza.dataplane.schedule.ScheduleManager;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Stops and purges a namespace marked deleted, in the background and in batches:
 * <ol>
 *   <li>its schedules are stopped and deleted, its task queues dropped (parked polls answer empty);</li>
 *   <li>every open run is terminated through the normal update path ({@link WorkflowTransitions#terminate}), so
 *   timers, activity and workflow tasks, children and inbox tasks stop exactly as on TerminateWorkflowExecution;</li>
 *   <li>closed runs are deleted with their history, inbox tasks and audit by the retention query
 *   ({@link ExecutionStore#deleteClosedBefore}), then whatever else the namespace still owns, and its row last.</li>
 * </ol>
 * Every step is idempotent and the namespace stays marked deleted until the end, so a purge interrupted by a crash
 * continues when {@link #resumeDeleted()} runs (after start-up recovery and on every retention sweep). One purge
 * per namespace runs at a time on an instance; none of it blocks a thread.
 */
@ApplicationScoped
public class NamespacePurger {

    private static final Logger LOG = Logger.getLogger(NamespacePurger.class);
    /** Runs terminated concurrently, and runs deleted per transaction. */
    static final int BATCH = 100;
    /** Rows of other tables deleted per statement. */
    static final int ROW_BATCH = 1000;
    /** A close time after every real one (9999-12-31T23:59:59Z; PostgreSQL timestamps end in 294276). */
    static final long ANY_CLOSE_TIME = 253_402_300_799_000L;
    static final String TERMINATE_REASON = "namespace deleted";
    static final String TERMINATE_IDENTITY = "cadenza-namespace-deletion";
    private static final int KEPT_SUMMARIES = 64;

    /** What one completed purge did. */
    public record Summary(String namespaceId, String namespaceName, int schedulesDeleted, int runsTerminated,
                          int runsDeleted, int otherRowsDeleted) {
    }

    private final NamespaceRegistry namespaces;
    private final NamespaceStore namespaceStore;
    private final ExecutionStore store;
    private final ExecutionManager manager;
    private final ScheduleManager schedules;
    private final TaskQueueManager matching;
    private final Map<String, CompletableFuture<Summary>> running = new ConcurrentHashMap<>();
    private final Map<String, Summary> finished = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Summary> eldest) {
                    return size() > KEPT_SUMMARIES;
                }
            });

    public NamespacePurger(NamespaceRegistry namespaces, NamespaceStore namespaceStore, ExecutionStore store,
                           ExecutionManager manager, ScheduleManager schedules, TaskQueueManager matching) {
        this.namespaces = namespaces;
        this.namespaceStore = namespaceStore;
        this.store = store;
        this.manager = manager;
        this.schedules = schedules;
        this.matching = matching;
    }

    /**
     * Purges a namespace already marked deleted; joins the purge in progress if there is one. Failures are logged
     * and the purge is taken up again by the next {@link #resumeDeleted()}.
     */
    public CompletableFuture<Summary> purge(Namespace ns) {
        CompletableFuture<Summary> started = new CompletableFuture<>();
        CompletableFuture<Summary> current = running.putIfAbsent(ns.id(), started);
        if (current != null) {
            return current;
        }
        LOG.infof("purging deleted namespace %s (%s)", ns.name(), ns.id());
        CompletableFuture<Summary> work;
        try {
            work = run(ns);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((summary, error) -> {
            running.remove(ns.id(), started);
            if (error != null) {
                LOG.warnf("purge of deleted namespace %s is incomplete, it continues on the next sweep: %s",
                        ns.name(), unwrap(error).getMessage());
                started.completeExceptionally(unwrap(error));
            } else {
                finished.put(ns.name(), summary);
                LOG.infof("deleted namespace %s purged: %d schedules, %d runs terminated, %d runs and %d other rows "
                                + "deleted", ns.name(), summary.schedulesDeleted(), summary.runsTerminated(),
                        summary.runsDeleted(), summary.otherRowsDeleted());
                started.complete(summary);
            }
        });
        return started;
    }

    /** Starts (or joins) the purge of every namespace marked deleted; completes when all of them are done. */
    public CompletableFuture<Void> resumeDeleted() {
        List<CompletableFuture<Summary>> purges = namespaces.deleting().stream()
                .map(ns -> purge(ns).exceptionally(e -> null)).toList();
        return CompletableFuture.allOf(purges.toArray(CompletableFuture[]::new));
    }

    /** The last completed purge of a namespace of this name on this instance (recent ones are kept). */
    public Optional<Summary> lastPurge(String namespaceName) {
        return Optional.ofNullable(finished.get(namespaceName));
    }

    private CompletableFuture<Summary> run(Namespace ns) {
        AtomicInteger terminated = new AtomicInteger();
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        return schedules.deleteNamespace(ns.id()).thenCompose(scheduleCount -> {
            matching.dropNamespace(ns.id());
            return purgeRuns(ns, terminated, deleted)
                    .thenCompose(v -> deleteRemainingData(ns, other))
                    .thenCompose(v -> namespaces.purged(ns))
                    .thenApply(v -> {
                        matching.dropNamespace(ns.id());
                        manager.forgetNamespace(ns.id());
                        return new Summary(ns.id(), ns.name(), scheduleCount, terminated.get(), deleted.get(),
                                other.get());
                    });
        });
    }

    /**
     * Alternates terminating a batch of open runs and deleting a batch of closed ones until a pass finds neither
     * (a run can still close, or a successor start, while this runs: both are picked up by a later pass).
     */
    private CompletableFuture<Void> purgeRuns(Namespace ns, AtomicInteger terminated, AtomicInteger deleted) {
        return store.openExecutions(ns.id(), BATCH).toCompletableFuture().thenCompose(open -> {
            if (!open.isEmpty()) {
                return terminateAll(open, terminated).thenCompose(v -> purgeRuns(ns, terminated, deleted));
            }
            return store.deleteClosedBefore(ns.id(), ANY_CLOSE_TIME, BATCH).toCompletableFuture()
                    .thenCompose(keys -> {
                        manager.forget(keys);
                        deleted.addAndGet(keys.size());
                        return keys.isEmpty() ? CompletableFuture.completedFuture(null)
                                : purgeRuns(ns, terminated, deleted);
                    });
        });
    }

    /** Terminates the runs; fails (after all were tried) if any could not be, so the pass stops and is retried. */
    private CompletableFuture<Void> terminateAll(List<ExecutionKey> keys, AtomicInteger terminated) {
        List<CompletableFuture<Void>> all = keys.stream().map(key -> terminate(key, terminated)).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> terminate(ExecutionKey key, AtomicInteger terminated) {
        return manager.update(key, ctx -> {
            if (ctx.state().isRunning()) {
                WorkflowTransitions.terminate(ctx, TERMINATE_REASON, null, TERMINATE_IDENTITY);
                terminated.incrementAndGet();
            }
            return (Void) null;
        }).exceptionally(e -> {
            Throwable cause = unwrap(e);
            if (CadenzaException.is(cause, CadenzaException.Kind.NOT_FOUND)) {
                return null; // deleted meanwhile
            }
            throw new CompletionException(cause);
        });
    }

    private CompletableFuture<Void> deleteRemainingData(Namespace ns, AtomicInteger other) {
        return namespaceStore.deleteRemainingData(ns.id(), ROW_BATCH).toCompletableFuture().thenCompose(n -> {
            if (n == 0) {
                return CompletableFuture.completedFuture(null);
            }
            other.addAndGet(n);
            return deleteRemainingData(ns, other);
        });
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
