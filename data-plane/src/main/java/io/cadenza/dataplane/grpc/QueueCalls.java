package io.cadenza.dataplane.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.cadenza.dataplane.cell.CallRoute;
import io.cadenza.dataplane.cell.CellChannels;
import io.cadenza.dataplane.cell.CellMember;
import io.cadenza.dataplane.cell.ShardController;
import io.cadenza.dataplane.cell.TaskPointers;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.matching.MatchingTask;
import io.cadenza.dataplane.matching.PollScope;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Polls on the instance that owns their task queue, in a cell of several instances. The owner matches the poll with
 * a task pointer itself; a pointer to a run this instance holds is started here (the handler gets it pinned), one to
 * a run another instance holds goes there with the poll ({@link #PINNED_TASK}), whose handler starts it and answers
 * the worker; if that run's owner finds the pointer stale, the owner goes on matching until the poll's deadline.
 */
@ApplicationScoped
public class QueueCalls {

    private static final Logger LOG = Logger.getLogger(QueueCalls.class);
    /** On a poll forwarded to a run's owner: the task pointer the queue's owner matched it with. */
    public static final Metadata.Key<byte[]> PINNED_TASK =
            Metadata.Key.of("cadenza-pinned-task-bin", Metadata.BINARY_BYTE_MARSHALLER);
    private static final long DEADLINE_MARGIN_MILLIS = 1000;

    private final TaskQueueManager matching;
    private final ShardLeases shards;
    private final ShardController cell;
    private final CellChannels channels;
    private final InstantSource clock;
    private final DataPlaneConfig config;

    public QueueCalls(TaskQueueManager matching, ShardLeases shards, ShardController cell, CellChannels channels,
                      InstantSource clock, DataPlaneConfig config) {
        this.matching = matching;
        this.shards = shards;
        this.cell = cell;
        this.channels = channels;
        this.clock = clock;
        this.config = config;
    }

    /** A poll with a task pinned by the queue's owner: answered with that task (or empty), never parked here. */
    <Q, R> ServerCall.Listener<Q> servePinned(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next,
                                              Q request) {
        MatchingTask task = TaskPointers.decode(headers.get(PINNED_TASK));
        return start(Context.current().withValue(PollScope.PINNED, new PollScope.Pin(task, true)), call, headers,
                next, request, false);
    }

    /** A task-queue call that this instance answers as the queue's owner. */
    <Q, R> ServerCall.Listener<Q> serve(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next,
                                        Q request, CallRoute.Target target) {
        String method = call.getMethodDescriptor().getBareMethodName();
        boolean poll = method.equals("PollWorkflowTaskQueue") || method.equals("PollActivityTaskQueue");
        if (!poll || !cell.view().shared()) {
            return start(Context.current(), call, headers, next, request, false);
        }
        OwnerPoll<Q, R> p = new OwnerPoll<>(call, headers, next, request, target, Context.current());
        p.match();
        return p;
    }

    private static <Q, R> ServerCall.Listener<Q> start(Context ctx, ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next, Q request, boolean halfClose) {
        ServerCall.Listener<Q> l = Contexts.interceptCall(ctx, call, headers, next);
        l.onReady();
        l.onMessage(request);
        if (halfClose) {
            l.onHalfClose();
        }
        return l;
    }

    /** A poll parked on this queue owner's matching until a task comes (or its deadline). */
    private final class OwnerPoll<Q, R> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, R> call;
        private final Metadata headers;
        private final ServerCallHandler<Q, R> next;
        private final Q request;
        private final TaskQueueManager.QueueId queue;
        private final Context context;
        private final PollScope scope = PollScope.uncancellable();
        private final long deadlineMillis;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile ServerCall.Listener<Q> handler;
        private volatile ClientCall<Q, R> outgoing;
        private volatile boolean halfClosed;
        private volatile boolean cancelled;

        OwnerPoll(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next, Q request,
                  CallRoute.Target target, Context context) {
            this.call = call;
            this.headers = headers;
            this.next = next;
            this.request = request;
            this.context = context;
            this.queue = new TaskQueueManager.QueueId(target.namespaceId(), target.queue(),
                    target.activityQueue() ? TaskQueueManager.Type.ACTIVITY : TaskQueueManager.Type.WORKFLOW);
            long now = clock.millis();
            Deadline d = context.getDeadline();
            long cap = now + config.longPollMillis();
            this.deadlineMillis = d == null ? cap
                    : Math.min(cap, now + d.timeRemaining(TimeUnit.MILLISECONDS) - DEADLINE_MARGIN_MILLIS);
            if (request instanceof Message m && m.getDescriptorForType().findFieldByName("identity") != null) {
                Object identity = m.getField(m.getDescriptorForType().findFieldByName("identity"));
                matching.recordPoller(queue, String.valueOf(identity), now);
            }
        }

        void match() {
            long remaining = deadlineMillis - clock.millis();
            if (remaining <= 0 || cancelled) {
                answerHere(null);
                return;
            }
            matching.poll(queue, remaining, scope).whenComplete((task, e) -> {
                if (e != null || task == null || cancelled) {
                    answerHere(null);
                    return;
                }
                int shard = shards.shardOf(task.key().namespaceId(), TaskPointers.shardKey(task));
                if (shards.owns(shard)) {
                    LOG.debugf("poll of %s matched %s: started here", queue, task);
                    answerHere(task);
                    return;
                }
                Optional<CellMember> holder = cell.view().holder(shard);
                if (holder.isEmpty() || holder.get().id().equals(shards.instanceId())) {
                    // The run is moving: its next owner hands its work out again.
                    LOG.debugf("poll of %s matched %s of moving shard %d: dropped", queue, task, shard);
                    match();
                    return;
                }
                LOG.debugf("poll of %s matched %s: started on %s", queue, task, holder.get().address());
                // In the poll's own context: this callback may run in another call's (the one that added the
                // task), whose end would cancel a call started under it.
                context.run(() -> forward(task, holder.get()));
            });
        }

        /** The local handler answers: with the pinned task, or empty at once (none, or it was stale). */
        private synchronized void answerHere(MatchingTask task) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            // Pinned only: the handler must never take more pointers from this queue itself, since a pointer to
            // a run held elsewhere can only be started there (this loop forwards those).
            PollScope.Pin pin = new PollScope.Pin(task, true);
            handler = start(context.withValue(PollScope.PINNED, pin), call, headers, next, request, halfClosed);
            if (cancelled) {
                handler.onCancel();
            }
        }

        private void forward(MatchingTask task, CellMember to) {
            long remaining = deadlineMillis + DEADLINE_MARGIN_MILLIS - clock.millis();
            ClientCall<Q, R> c = channels.to(to.address()).newCall(call.getMethodDescriptor(),
                    CallOptions.DEFAULT.withDeadlineAfter(Math.max(1, remaining), TimeUnit.MILLISECONDS));
            outgoing = c;
            Metadata out = forwardHeaders();
            out.put(PINNED_TASK, TaskPointers.encode(task));
            c.start(new ClientCall.Listener<>() {
                private R response;

                @Override
                public void onMessage(R message) {
                    response = message;
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    if (status.isOk() && response != null && !empty(response)) {
                        if (answered.compareAndSet(false, true)) {
                            call.sendHeaders(new Metadata());
                            call.sendMessage(response);
                            call.close(Status.OK, new Metadata());
                        }
                        return;
                    }
                    LOG.debugf("starting %s on %s: %s, %s", task, to.address(), status,
                            response == null ? "no answer" : "empty answer");
                    match(); // stale pointer or the run's owner is gone: go on matching
                }
            }, out);
            c.request(1);
            c.sendMessage(request);
            c.halfClose();
        }

        private Metadata forwardHeaders() {
            Metadata out = new Metadata();
            out.merge(headers);
            out.removeAll(CellForwardingInterceptor.FORWARDED_BY);
            out.put(CellForwardingInterceptor.FORWARDED_BY, shards.instanceId());
            config.internalToken().filter(t -> !t.isBlank()).ifPresent(t -> {
                out.removeAll(InternalCallerInterceptor.INTERNAL_TOKEN);
                out.put(InternalCallerInterceptor.INTERNAL_TOKEN, t);
            });
            return out;
        }

        @Override
        public synchronized void onHalfClose() {
            halfClosed = true;
            ServerCall.Listener<Q> h = handler;
            if (h != null) {
                h.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            cancelled = true;
            scope.cancel();
            ServerCall.Listener<Q> h = handler;
            if (h != null) {
                h.onCancel();
            }
            ClientCall<Q, R> c = outgoing;
            if (c != null) {
                c.cancel("caller cancelled the poll", null);
            }
        }

        @Override
        public void onComplete() {
            ServerCall.Listener<Q> h = handler;
            if (h != null) {
                h.onComplete();
            }
        }
    }

    private static boolean empty(Object response) {
        if (response instanceof Message m) {
            var f = m.getDescriptorForType().findFieldByName("task_token");
            return f != null && ((ByteString) m.getField(f)).isEmpty();
        }
        return false;
    }
}
