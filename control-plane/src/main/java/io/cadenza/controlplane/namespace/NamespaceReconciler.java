package io.cadenza.controlplane.namespace;

import io.cadenza.controlplane.api.Ids;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.cell.CellClient;
import io.cadenza.controlplane.config.CadenzaConfig;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.quarkus.panache.common.Page;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drives every namespace whose cell state lags its record (state provisioning or deleting, or
 * {@code spec_version > applied_version}) until the cell has applied it. Driven only by database state, so it is
 * restart-safe; a short lease per row keeps two control-plane replicas from working on the same namespace.
 * Failures are retried with exponential backoff and recorded in {@code last_error}.
 */
@ApplicationScoped
public class NamespaceReconciler {
    private static final Logger LOG = Logger.getLogger(NamespaceReconciler.class);
    private static final int BATCH = 20;

    @Inject
    Tx tx;
    @Inject
    CellClient cells;
    @Inject
    CadenzaConfig config;

    /** A claimed namespace's desired state, as read when the lease was taken. */
    record Work(String id, String cellId, String state, int retentionDays, long specVersion, long appliedVersion,
                Map<String, SearchAttributeType> desired, Map<String, SearchAttributeType> applied, int attempts) {
    }

    @Scheduled(every = "${cadenza.reconciler.interval:2s}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        List<String> due;
        try {
            Instant now = Ids.now();
            due = tx.read(() -> NamespaceEntity.<NamespaceEntity>find(
                            "(state <> 'active' or specVersion > appliedVersion) and nextReconcileAt <= ?1 "
                                    + "and (reconcileLeaseUntil is null or reconcileLeaseUntil < ?1) "
                                    + "order by nextReconcileAt", now)
                    .page(Page.ofSize(BATCH)).list()
                    .map(rows -> rows.stream().map(ns -> ns.id).toList()));
        } catch (RuntimeException e) {
            LOG.warnf("Reconciler could not read pending namespaces: %s", e.getMessage());
            return;
        }
        for (String id : due) {
            reconcile(id);
        }
    }

    /** One attempt on one namespace; public so dev bootstrap and tests can drive it directly. */
    public void reconcile(String id) {
        Work work = claim(id);
        if (work == null) {
            return;
        }
        try {
            apply(work);
            finish(work);
        } catch (RuntimeException e) {
            fail(work, e);
        }
    }

    private Work claim(String id) {
        Instant now = Ids.now();
        Duration lease = config.reconciler().callTimeout().multipliedBy(6).plusSeconds(5);
        return tx.write(() -> NamespaceEntity.<NamespaceEntity>findById(id).map(ns -> {
            if (ns == null || (NamespaceState.ACTIVE.wire().equals(ns.state) && ns.specVersion <= ns.appliedVersion)
                    || (ns.reconcileLeaseUntil != null && ns.reconcileLeaseUntil.isAfter(now))) {
                return null;
            }
            ns.reconcileLeaseUntil = now.plus(lease);
            return new Work(ns.id, ns.cellId, ns.state, ns.retentionDays, ns.specVersion, ns.appliedVersion,
                    SearchAttributesJson.read(ns.searchAttributes),
                    SearchAttributesJson.read(ns.appliedSearchAttributes), ns.reconcileAttempts);
        }));
    }

    private void apply(Work w) {
        if (NamespaceState.DELETING.wire().equals(w.state())) {
            if (!cells.delete(w.cellId(), w.id())) {
                LOG.warnf("Cell %s does not implement DeleteNamespace; namespace %s is forgotten by the control plane "
                        + "but its data stays on the cell", w.cellId(), w.id());
            }
            return;
        }
        if (NamespaceState.PROVISIONING.wire().equals(w.state())) {
            cells.register(w.cellId(), w.id(), w.retentionDays());
        } else {
            cells.updateRetention(w.cellId(), w.id(), w.retentionDays());
        }
        Map<String, IndexedValueType> toAdd = new TreeMap<>();
        w.desired().forEach((name, type) -> {
            if (w.applied().get(name) != type) {
                toAdd.put(name, type.indexedValueType());
            }
        });
        Set<String> toRemove = new HashSet<>(w.applied().keySet());
        toRemove.removeAll(w.desired().keySet());
        cells.removeSearchAttributes(w.cellId(), w.id(), toRemove);
        cells.addSearchAttributes(w.cellId(), w.id(), toAdd);
    }

    private void finish(Work w) {
        Instant now = Ids.now();
        if (NamespaceState.DELETING.wire().equals(w.state())) {
            tx.write(() -> NamespaceAccessEntity.delete("namespaceId", w.id())
                    .chain(() -> NamespaceEntity.deleteById(w.id())));
            LOG.infof("Namespace %s deleted from cell %s", w.id(), w.cellId());
            return;
        }
        tx.write(() -> NamespaceEntity.<NamespaceEntity>findById(w.id()).chain(ns -> {
            if (ns == null) {
                return Uni.createFrom().nullItem();
            }
            boolean wasProvisioning = NamespaceState.PROVISIONING.wire().equals(ns.state);
            if (wasProvisioning) {
                ns.state = NamespaceState.ACTIVE.wire();
            }
            if (!NamespaceState.DELETING.wire().equals(ns.state)) {
                ns.appliedVersion = Math.max(ns.appliedVersion, w.specVersion());
                ns.appliedSearchAttributes = SearchAttributesJson.write(w.desired());
            }
            ns.reconcileAttempts = 0;
            ns.lastError = null;
            ns.reconcileLeaseUntil = null;
            // A change made while we worked (spec_version moved on) is picked up on the next tick.
            ns.nextReconcileAt = ns.specVersion > ns.appliedVersion || !NamespaceState.ACTIVE.wire().equals(ns.state)
                    ? now : null;
            ns.updatedAt = now;
            if (wasProvisioning) {
                LOG.infof("Namespace %s is active on cell %s", ns.id, ns.cellId);
            }
            return Uni.createFrom().item(ns);
        }));
    }

    private void fail(Work w, RuntimeException e) {
        String reason = e instanceof StatusRuntimeException s
                ? "cell " + w.cellId() + " answered " + s.getStatus().getCode() + ": " + s.getStatus().getDescription()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        int attempts = w.attempts() + 1;
        Duration wait = Backoff.after(attempts, config.reconciler().maxBackoff());
        LOG.warnf("Namespace %s (%s) not applied on cell %s, attempt %d, retrying in %s: %s", w.id(), w.state(),
                w.cellId(), attempts, wait, reason);
        Instant now = Ids.now();
        try {
            tx.write(() -> NamespaceEntity.<NamespaceEntity>findById(w.id()).map(ns -> {
                if (ns != null) {
                    ns.reconcileAttempts = attempts;
                    ns.nextReconcileAt = now.plus(wait);
                    ns.reconcileLeaseUntil = null;
                    ns.lastError = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
                }
                return ns;
            }));
        } catch (RuntimeException dbFailure) {
            LOG.warnf("Could not record reconcile failure of %s (lease expires on its own): %s", w.id(),
                    dbFailure.getMessage());
        }
    }
}
