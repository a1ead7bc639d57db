package io.cadenza.dataplane.cell;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.matching.MatchingTask;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Task queues in a cell of several instances, as Temporal's matching service places them: each queue (namespace,
 * name, kind) has one owner among the live members (rendezvous hashing), which holds its task pointers and its
 * parked polls. A run's owner hands a pointer to the queue's owner ({@link CellRpc#ADD_TASK}; retried until the
 * owner takes it, or the run's shard is no longer ours); polls are forwarded to the queue's owner, which hands a
 * matched pointer back to the run's owner to start the task. When the members change, queues that moved are dropped
 * here (parked polls end empty, workers poll again where the queue lives now) and every held shard's pending work
 * is handed out again, to the queues' new owners.
 */
@ApplicationScoped
public class RemoteTasks {

    private static final Logger LOG = Logger.getLogger(RemoteTasks.class);

    private final ShardController cell;
    private final ShardLeases shards;
    private final TaskQueueManager matching;
    private final CellChannels channels;
    private final ShardEffects effects;
    private final Optional<String> internalToken;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cadenza-cell-tasks");
        t.setDaemon(true);
        return t;
    });

    public RemoteTasks(ShardController cell, ShardLeases shards, TaskQueueManager matching, CellChannels channels,
                       ShardEffects effects, DataPlaneConfig config) {
        this.cell = cell;
        this.shards = shards;
        this.matching = matching;
        this.channels = channels;
        this.effects = effects;
        this.internalToken = config.internalToken().filter(t -> !t.isBlank());
    }

    void onStart(@Observes StartupEvent event) {
        matching.route(this::routed);
        cell.onMembershipChange(this::membersChanged);
        cell.onSweep(this::redispatchAll);
    }

    /** Hands the pending work of every shard held here out again (idempotent: stale pointers are dropped). */
    private int redispatchAll() {
        int held = 0;
        for (int shard : shards.held()) {
            if (shards.owns(shard)) {
                held++;
                effects.redispatch(shard).exceptionally(e -> {
                    LOG.warnf("handing out the work of shard %d again failed: %s", shard, e.getMessage());
                    return 0;
                });
            }
        }
        return held;
    }

    /** The owner of a task's queue, when it is another live instance. */
    Optional<CellMember> remoteOwner(MatchingTask task) {
        CellView view = cell.view();
        return view.queueOwner(task.key().namespaceId(), task.taskQueue(),
                        TaskQueueManager.typeOf(task) == TaskQueueManager.Type.ACTIVITY)
                .filter(m -> !m.id().equals(view.selfId()));
    }

    /** Whether this instance owns the queue (alone in the cell, it owns them all). */
    public boolean ownsQueue(String namespaceId, String queue, boolean activity) {
        CellView view = cell.view();
        return view.queueOwner(namespaceId, queue, activity).map(m -> m.id().equals(view.selfId())).orElse(true);
    }

    private boolean routed(MatchingTask task) {
        Optional<CellMember> owner = remoteOwner(task);
        if (owner.isEmpty()) {
            return false;
        }
        send(task, owner.get(), 0);
        return true;
    }

    private void send(MatchingTask task, CellMember to, int attempt) {
        // Not under the current gRPC context: this runs after some call's commit, and that call's end would
        // cancel a call started under its context.
        io.grpc.Context.current().fork().run(() -> start(task, to, attempt));
    }

    private void start(MatchingTask task, CellMember to, int attempt) {
        ClientCall<byte[], byte[]> call = channels.to(to.address())
                .newCall(CellRpc.ADD_TASK, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));
        Metadata headers = new Metadata();
        internalToken.ifPresent(t -> headers.put(Metadata.Key.of("cadenza-internal-token",
                Metadata.ASCII_STRING_MARSHALLER), t));
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                LOG.debugf("handed %s to %s: %s", task, to.address(), status);
                if (!status.isOk()) {
                    retry(task, attempt + 1, status);
                }
            }
        }, headers);
        call.request(1);
        call.sendMessage(TaskPointers.encode(task));
        call.halfClose();
    }

    private void retry(MatchingTask task, int attempt, Status why) {
        int shard = shards.shardOf(task.key().namespaceId(), TaskPointers.shardKey(task));
        if (!shards.owns(shard)) {
            return; // the run moved: its new owner hands its work out
        }
        if (attempt % 20 == 1) {
            LOG.infof("handing %s to its queue's owner failed (%s); retrying", task, why);
        }
        retries.schedule(() -> {
            Optional<CellMember> owner = remoteOwner(task);
            if (owner.isEmpty()) {
                matching.offerHere(task);
            } else {
                send(task, owner.get(), attempt);
            }
        }, Math.min(2000, 100L * attempt), TimeUnit.MILLISECONDS);
    }

    /** The queue owner's side of {@link CellRpc#ADD_TASK}: false when this instance does not own the queue. */
    public boolean accept(MatchingTask task) {
        if (remoteOwner(task).isPresent()) {
            return false;
        }
        matching.offerHere(task);
        return true;
    }

    private void membersChanged(CellView view) {
        int dropped = matching.dropWhere(id -> !ownsQueue(id.namespaceId(), id.name(),
                id.type() == TaskQueueManager.Type.ACTIVITY));
        int held = redispatchAll();
        LOG.infof("task queues follow the members: %d queues moved away, work of %d shards handed out again",
                dropped, held);
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }
}
