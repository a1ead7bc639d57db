package io.cadenza.dataplane.cell;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.persistence.ShardLeases;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Membership and shard ownership of this instance. Every {@code cadenza.cell.renew-millis} it renews its lease in
 * {@code cell_members} and reconciles: the shards are assigned over the live members by rendezvous hashing; a
 * shard assigned here is taken once its holder released it or its holder's lease lapsed (taking bumps the range id,
 * which fences the former holder); a shard held here but assigned elsewhere is released after its updates in flight
 * finish; a shard found taken by another instance (a write failed its fence, or the row moved) is forgotten. An
 * instance that could not renew for a whole lease (paused, partitioned) gives up every shard before it goes on.
 */
@ApplicationScoped
public class ShardController {

    private static final Logger LOG = Logger.getLogger(ShardController.class);

    private final MembershipStore members;
    private final ShardLeases shards;
    private final ShardEffects effects;
    private final InstantSource clock;
    private final DataPlaneConfig.Cell config;
    private final String selfId;
    private final String address;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cadenza-cell");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Shards whose take-over effects ran here and whose release effects have not yet. */
    private final Set<Integer> active = ConcurrentHashMap.newKeySet();
    private final List<Consumer<CellView>> membershipListeners = new CopyOnWriteArrayList<>();
    /** Run every {@link #SWEEP_ROUNDS} reconciliations while the cell is shared (see {@link #onSweep}). */
    private final List<Runnable> sweepers = new CopyOnWriteArrayList<>();
    static final int SWEEP_ROUNDS = 10;
    private long rounds;
    private volatile CellView view;
    /** Alone in the cell and holding every shard: calls need no routing (the single-instance fast path). */
    private volatile boolean servesAll;
    private volatile long lastRenewedMillis;
    private volatile boolean stopping;
    private volatile long startedMillis;
    private final CompletableFuture<Void> firstRecovery = new CompletableFuture<>();

    public ShardController(MembershipStore members, ShardLeases shards, ShardEffects effects, InstantSource clock,
                           DataPlaneConfig config) {
        this.members = members;
        this.shards = shards;
        this.effects = effects;
        this.clock = clock;
        this.config = config.cell();
        this.selfId = shards.instanceId();
        this.address = config.cell().advertisedAddress().filter(a -> !a.isBlank())
                .orElse(config.grpc().host() + ":" + config.grpc().port());
        this.view = CellView.alone(selfId);
    }

    /** The cell as this instance saw it at its last reconciliation. */
    public CellView view() {
        return view;
    }

    public String address() {
        return address;
    }

    /**
     * Called every {@value #SWEEP_ROUNDS} renewals while other instances share the cell: a safety net that hands
     * pending work out again in case a hand-off between instances was lost (everything due is derived from state).
     */
    public void onSweep(Runnable sweeper) {
        sweepers.add(sweeper);
    }

    /** Called with the new view whenever the set of live members changed. */
    public void onMembershipChange(Consumer<CellView> listener) {
        membershipListeners.add(listener);
    }

    /**
     * Registers this instance and runs the first reconciliation; completes once the shards it could take at once are
     * taken (their recovery goes on in the background: see {@link #firstRecovery()}), then reconciles periodically.
     */
    public CompletableFuture<Void> start() {
        long now = clock.millis();
        startedMillis = now;
        return members.register(new CellMember(selfId, address, now, now + config.leaseMillis()))
                .toCompletableFuture()
                .thenCompose(v -> {
                    lastRenewedMillis = now;
                    return reconcile(true);
                })
                .whenComplete((v, e) -> timer.scheduleWithFixedDelay(this::tick, config.renewMillis(),
                        config.renewMillis(), TimeUnit.MILLISECONDS));
    }

    /** Completes when the shards taken by the first reconciliation are recovered. */
    public CompletableFuture<Void> firstRecovery() {
        return firstRecovery;
    }

    private void tick() {
        if (stopping || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            reconcile(false).whenComplete((v, e) -> {
                busy.set(false);
                if (e != null) {
                    LOG.warnf("cell reconciliation failed (retried in %d ms): %s", config.renewMillis(),
                            e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            busy.set(false);
            LOG.warnf(e, "cell reconciliation failed");
        }
    }

    private CompletableFuture<Void> reconcile(boolean first) {
        long now = clock.millis();
        if (now - lastRenewedMillis >= config.leaseMillis()) {
            // Paused or cut off for a whole lease: others may hold our shards by now. Whatever we still think we
            // hold is dropped here (a write would fail its fence anyway) before we take part again.
            LOG.warnf("instance %s could not renew its lease for %d ms: giving up its %d shards", selfId,
                    now - lastRenewedMillis, active.size());
            for (int shard : List.copyOf(active)) {
                shards.forget(shard);
                forgetLocally(shard);
            }
        }
        long expires = now + config.leaseMillis();
        return members.renew(selfId, expires).toCompletableFuture()
                .thenCompose(renewed -> renewed ? CompletableFuture.completedFuture(null)
                        : members.register(new CellMember(selfId, address, startedMillis, expires)))
                .thenCompose(v -> {
                    lastRenewedMillis = now;
                    // Housekeeping: rows of instances gone for long (a restart at the same address removes its
                    // predecessor's row at once).
                    return members.removeLapsed(now - 6 * config.leaseMillis()).toCompletableFuture();
                })
                .thenCompose(removed -> members.all().toCompletableFuture())
                .thenCompose(all -> shards.leases().toCompletableFuture().thenCompose(leases ->
                        apply(first, now, all, leases)));
    }

    private CompletableFuture<Void> apply(boolean first, long now, List<CellMember> all,
                                          List<ShardLeases.Lease> leases) {
        List<CellMember> live = all.stream().filter(m -> m.liveAt(now)).toList();
        Set<String> liveIds = new HashSet<>();
        live.forEach(m -> liveIds.add(m.id()));
        Map<Integer, ShardLeases.Lease> rows = new HashMap<>();
        leases.forEach(l -> rows.put(l.shardId(), l));
        // Shards another instance took from us (a fenced write noticed it, or the row says so).
        Set<Integer> held = shards.held();
        for (int shard : List.copyOf(active)) {
            ShardLeases.Lease row = rows.get(shard);
            if (!held.contains(shard) || row == null || !row.owner().equals(selfId)) {
                LOG.warnf("shard %d is no longer ours (its row names %s): forgetting it", shard,
                        row == null ? "nobody" : row.owner().isEmpty() ? "nobody" : row.owner());
                shards.forget(shard);
                forgetLocally(shard);
            }
        }
        Map<Integer, String> assignment = Rendezvous.shardOwners(shards.shardCount(), liveIds);
        List<CompletableFuture<Void>> work = new ArrayList<>();
        List<CompletableFuture<?>> recoveries = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int shard = 0; shard < shards.shardCount(); shard++) {
            boolean mine = selfId.equals(assignment.get(shard));
            boolean holding = shards.held().contains(shard);
            ShardLeases.Lease row = rows.get(shard);
            if (mine && !holding) {
                boolean free = row == null || row.owner().isEmpty() || row.owner().equals(selfId)
                        || !liveIds.contains(row.owner());
                if (free) {
                    work.add(take(shard, row == null ? 0 : row.rangeId(), row, recoveries));
                }
            } else if (!mine && holding && !stopping) {
                work.add(release(shard));
            }
        }
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).thenCompose(v ->
                shards.leases().toCompletableFuture()).thenAccept(after -> {
            Map<Integer, String> holders = new HashMap<>();
            after.forEach(l -> holders.put(l.shardId(), l.owner()));
            CellView previous = view;
            CellView next = new CellView(selfId, live, holders);
            view = next;
            servesAll = !next.shared() && shards.held().size() == shards.shardCount();
            if (!previous.live().stream().map(CellMember::id).toList()
                    .equals(live.stream().map(CellMember::id).toList()) && !first) {
                LOG.infof("cell members now %s; holding %d of %d shards", liveIds, active.size(),
                        shards.shardCount());
                membershipListeners.forEach(l -> l.accept(next));
            }
            if (!first && next.shared() && ++rounds % SWEEP_ROUNDS == 0) {
                sweepers.forEach(Runnable::run);
            }
            if (first) {
                CompletableFuture.allOf(recoveries.toArray(CompletableFuture[]::new))
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                firstRecovery.completeExceptionally(e);
                            } else {
                                firstRecovery.complete(null);
                            }
                        });
            }
        });
    }

    private CompletableFuture<Void> take(int shard, long expectedRange, ShardLeases.Lease row,
                                         List<CompletableFuture<?>> recoveries) {
        long started = clock.millis();
        return shards.tryAcquire(shard, expectedRange).toCompletableFuture().thenAccept(range -> {
            if (range.isEmpty()) {
                LOG.debugf("shard %d was taken by another instance first", shard);
                return;
            }
            active.add(shard);
            String from = row == null || row.owner().isEmpty() ? "released" : row.owner();
            CompletableFuture<ShardEffects.Recovered> recovered = effects.taken(shard);
            recoveries.add(recovered);
            recovered.whenComplete((r, e) -> {
                if (e != null) {
                    LOG.errorf(e, "recovery of shard %d failed", shard);
                } else {
                    LOG.infof("took shard %d (range id %d, from %s): %d open runs, %d standalone activities, "
                                    + "%d schedules recovered in %d ms", shard, range.get(), from, r.runs(),
                            r.activities(), r.schedules(), clock.millis() - started);
                }
            });
        });
    }

    /** Hands a shard over: no new work, updates in flight finish, then the row is released and the shard forgotten. */
    private CompletableFuture<Void> release(int shard) {
        servesAll = false;
        shards.beginRelease(shard);
        return effects.drain(shard)
                .completeOnTimeout(null, config.releaseDrainMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> null)
                .thenCompose(v -> shards.release(shard).toCompletableFuture())
                .whenComplete((v, e) -> {
                    forgetLocally(shard);
                    LOG.infof("released shard %d", shard);
                });
    }

    private void forgetLocally(int shard) {
        servesAll = false;
        if (active.remove(shard)) {
            effects.released(shard);
        }
    }

    /** Graceful shutdown: every shard is released (so the others take them at once) and the member row removed. */
    public void shutdown() {
        stopping = true;
        timer.shutdownNow();
        List<CompletableFuture<Void>> releases = new ArrayList<>();
        for (int shard : shards.held()) {
            shards.beginRelease(shard);
        }
        for (int shard : shards.held()) {
            releases.add(release(shard));
        }
        try {
            CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new))
                    .thenCompose(v -> members.deregister(selfId).toCompletableFuture())
                    .get(config.releaseDrainMillis() + 5000, TimeUnit.MILLISECONDS);
            LOG.infof("instance %s left the cell, %d shards released", selfId, releases.size());
        } catch (Exception e) {
            LOG.warnf("leaving the cell did not finish: %s", e.toString());
        }
    }

    /** Whether this instance is alone in the cell and holds every shard (no call needs routing). */
    public boolean servesAll() {
        return servesAll;
    }

    /** Whether this instance holds the shard and takes work on it. */
    public boolean owns(int shard) {
        return shards.owns(shard);
    }

    public Optional<CellMember> holder(int shard) {
        return view.holder(shard);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
