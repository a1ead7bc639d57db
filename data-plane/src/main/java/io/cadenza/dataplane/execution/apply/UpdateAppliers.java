package io.cadenza.dataplane.execution.apply;

import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.update.UpdateInfo;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.update.v1.Outcome;

/**
 * Workflow updates: UpdateAccepted and UpdateCompleted move an update along its stages. Admission and rejection
 * leave no event (as in Temporal), so admitted and rejected updates are kept by {@code UpdateTransitions} and are
 * not event-derived.
 */
final class UpdateAppliers {

    private UpdateAppliers() {
    }

    static void register(EventAppliers.Registry r) {
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, (s, e, runId) -> {
            var a = e.getWorkflowExecutionUpdateAcceptedEventAttributes();
            UpdateInfo u = s.updates.get(a.getProtocolInstanceId());
            if (u == null) {
                // Replay: the admission that preceded the acceptance left no event.
                u = new UpdateInfo();
                u.updateId = a.getProtocolInstanceId();
                u.request = a.getAcceptedRequest().toByteArray();
                s.updates.put(u.updateId, u);
            }
            u.transition(UpdateInfo.Event.ACCEPT);
            u.acceptedEventId = e.getEventId();
        });
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, (s, e, runId) -> {
            var a = e.getWorkflowExecutionUpdateCompletedEventAttributes();
            UpdateInfo u = s.updates.get(a.getMeta().getUpdateId());
            if (u != null) {
                u.transition(UpdateInfo.Event.COMPLETE);
                u.outcome = a.getOutcome().toByteArray();
            }
        });
    }

    /** The run closed: updates still waiting fail, so callers are not left hanging. */
    static void abandonAll(MutableState s) {
        for (UpdateInfo u : s.updates.values()) {
            if (u.stage != UpdateInfo.Stage.COMPLETED) {
                u.transition(UpdateInfo.Event.ABANDON);
                u.outcome = Outcome.newBuilder().setFailure(Failure.newBuilder()
                        .setMessage("Workflow Update failed because the Workflow completed before the Update "
                                + "completed.")
                        .setSource("Server")
                        .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder()
                                .setType("AcceptedUpdateCompletedWorkflow").setNonRetryable(true)))
                        .build().toByteArray();
            }
        }
    }
}
