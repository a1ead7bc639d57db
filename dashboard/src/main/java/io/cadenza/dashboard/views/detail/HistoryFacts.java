package io.cadenza.dashboard.views.detail;

import io.cadenza.dashboard.backend.PayloadText;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;

/** What the summary shows that only the history knows: input, result or failure, children, continue-as-new. */
record HistoryFacts(String input, String result, String failure, String continuedFromRunId,
                    String continuedAsNewRunId, List<Child> children) {

    record Child(String workflowId, String runId, String type) {
    }

    static HistoryFacts of(List<HistoryEvent> history) {
        String input = "";
        String result = null;
        String failure = null;
        String continuedFrom = null;
        String continuedAs = null;
        List<Child> children = new ArrayList<>();
        for (HistoryEvent e : history) {
            switch (e.getEventType()) {
                case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
                    var a = e.getWorkflowExecutionStartedEventAttributes();
                    input = PayloadText.show(a.getInput());
                    continuedFrom = a.getContinuedExecutionRunId().isEmpty() ? null : a.getContinuedExecutionRunId();
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED ->
                        result = PayloadText.show(e.getWorkflowExecutionCompletedEventAttributes().getResult());
                case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
                        failure = PayloadText.causeChain(e.getWorkflowExecutionFailedEventAttributes().getFailure());
                case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> failure = "Timed out";
                case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> failure = "Terminated: "
                        + e.getWorkflowExecutionTerminatedEventAttributes().getReason()
                        + (e.getWorkflowExecutionTerminatedEventAttributes().getIdentity().isEmpty() ? ""
                        : " (by " + e.getWorkflowExecutionTerminatedEventAttributes().getIdentity() + ")");
                case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> failure = "Canceled";
                case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> continuedAs =
                        e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
                case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
                    var a = e.getChildWorkflowExecutionStartedEventAttributes();
                    children.add(new Child(a.getWorkflowExecution().getWorkflowId(),
                            a.getWorkflowExecution().getRunId(), a.getWorkflowType().getName()));
                }
                default -> {
                }
            }
        }
        return new HistoryFacts(input, result, failure, continuedFrom, continuedAs, children);
    }
}
