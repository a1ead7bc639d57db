package io.cadenza.dataplane.execution.update;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.state.MutableState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionUpdateAcceptedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionUpdateCompletedEventAttributes;
import io.temporal.api.protocol.v1.Message;
import io.temporal.api.update.v1.Acceptance;
import io.temporal.api.update.v1.Outcome;
import io.temporal.api.update.v1.Rejection;
import io.temporal.api.update.v1.Request;
import io.temporal.api.update.v1.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Workflow updates as Temporal's update protocol runs them: a request is admitted, carried to the worker as a
 * message on a workflow task, and answered in the task's completion with an Acceptance (history event), a
 * Rejection (no event) or a Response (history event). Requests that arrive while a task is in flight wait for
 * the next task. Accepted and completed stages are applied by the events' appliers
 * ({@code execution.apply.UpdateAppliers}); admission, delivery and rejection leave no event and are kept here.
 */
public final class UpdateTransitions {

    /** Completed updates remembered per run for deduplication of retried requests. */
    static final int COMPLETED_WINDOW = 1000;

    private UpdateTransitions() {
    }

    /** Admits a new update (or returns the existing one with the same id) and makes sure a task will carry it. */
    public static UpdateInfo admit(ExecutionContext ctx, Request request) {
        MutableState s = ctx.state();
        UpdateInfo existing = s.updates.get(request.getMeta().getUpdateId());
        if (existing != null) {
            return existing;
        }
        UpdateInfo u = new UpdateInfo();
        u.updateId = request.getMeta().getUpdateId();
        u.request = request.toByteArray();
        u.admittedAtMillis = ctx.now();
        s.updates.put(u.updateId, u);
        ctx.markChanged();
        ctx.scheduleWorkflowTask();
        return u;
    }

    /** The request messages a workflow task being started carries. */
    public static List<Message> deliver(MutableState s, String taskStartToken, long scheduledEventId) {
        List<Message> messages = new ArrayList<>();
        for (UpdateInfo u : s.updates.values()) {
            if (u.stage == UpdateInfo.Stage.ADMITTED) {
                u.deliveredIn = taskStartToken;
                messages.add(Message.newBuilder()
                        .setId(u.updateId + "/request")
                        .setProtocolInstanceId(u.updateId)
                        .setEventId(scheduledEventId)
                        .setBody(Any.pack(u.requestProto()))
                        .build());
            }
        }
        return messages;
    }

    /** Admitted updates the workflow has not seen yet (they keep a closing command from being accepted). */
    public static boolean hasUndelivered(MutableState s, String taskStartToken) {
        return s.updates.values().stream().anyMatch(u -> u.stage == UpdateInfo.Stage.ADMITTED
                && (u.deliveredIn == null || !u.deliveredIn.equals(taskStartToken)));
    }

    /** Applies one protocol message from a workflow task completion. */
    public static void apply(ExecutionContext ctx, Message message, long workflowTaskCompletedEventId) {
        MutableState s = ctx.state();
        UpdateInfo u = s.updates.get(message.getProtocolInstanceId());
        if (u == null) {
            throw new IllegalArgumentException("message for unknown update " + message.getProtocolInstanceId());
        }
        try {
            Any body = message.getBody();
            if (body.is(Acceptance.class)) {
                Acceptance a = body.unpack(Acceptance.class);
                UpdateInfo.TABLE.next(u.stage, UpdateInfo.Event.ACCEPT); // checked here, applied by the event
                ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
                        HistoryEvent.newBuilder().setWorkflowExecutionUpdateAcceptedEventAttributes(
                                WorkflowExecutionUpdateAcceptedEventAttributes.newBuilder()
                                        .setProtocolInstanceId(u.updateId)
                                        .setAcceptedRequestMessageId(a.getAcceptedRequestMessageId())
                                        .setAcceptedRequestSequencingEventId(workflowTaskCompletedEventId - 1)
                                        .setAcceptedRequest(u.requestProto())));
            } else if (body.is(Rejection.class)) {
                Rejection r = body.unpack(Rejection.class);
                u.transition(UpdateInfo.Event.REJECT);
                ctx.meter(new io.cadenza.dataplane.metering.UsageFact.UpdateRejected(u.updateId));
                u.outcome = Outcome.newBuilder().setFailure(r.getFailure()).build().toByteArray();
            } else if (body.is(Response.class)) {
                Response r = body.unpack(Response.class);
                UpdateInfo.TABLE.next(u.stage, UpdateInfo.Event.COMPLETE); // checked here, applied by the event
                ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, HistoryEvent.newBuilder()
                        .setWorkflowExecutionUpdateCompletedEventAttributes(
                                WorkflowExecutionUpdateCompletedEventAttributes.newBuilder()
                                        .setMeta(r.getMeta()).setAcceptedEventId(u.acceptedEventId)
                                        .setOutcome(r.getOutcome())));
            } else {
                throw new IllegalArgumentException("unsupported protocol message " + body.getTypeUrl());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed protocol message " + message.getId(), e);
        }
        u.deliveredIn = null;
        ctx.markChanged();
        forgetOldCompleted(s);
    }

    /** A task that carried requests failed or timed out: they go out again with the next task. */
    public static void undeliver(MutableState s) {
        s.updates.values().forEach(u -> u.deliveredIn = null);
    }

    private static void forgetOldCompleted(MutableState s) {
        long completed = s.updates.values().stream().filter(u -> u.stage == UpdateInfo.Stage.COMPLETED).count();
        Iterator<UpdateInfo> it = s.updates.values().iterator();
        while (completed > COMPLETED_WINDOW && it.hasNext()) {
            if (it.next().stage == UpdateInfo.Stage.COMPLETED) {
                it.remove();
                completed--;
            }
        }
    }
}
