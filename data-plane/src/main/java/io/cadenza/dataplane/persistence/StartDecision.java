package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.common.error.CadenzaException;


/** What to do with a start request given the workflow id's current run. */
public record StartDecision(Outcome outcome, String existingRunId, CadenzaException error) {

    public enum Outcome { CREATE, USE_EXISTING, REJECT, TERMINATE_EXISTING }

    public static StartDecision create() {
        return new StartDecision(Outcome.CREATE, null, null);
    }

    public static StartDecision useExisting(String runId) {
        return new StartDecision(Outcome.USE_EXISTING, runId, null);
    }

    /** The running run must be terminated first (WorkflowIdConflictPolicy TERMINATE_EXISTING); then retry. */
    public static StartDecision terminateExisting(String runId) {
        return new StartDecision(Outcome.TERMINATE_EXISTING, runId, null);
    }

    public static StartDecision reject(CadenzaException error) {
        return new StartDecision(Outcome.REJECT, null, error);
    }
}
