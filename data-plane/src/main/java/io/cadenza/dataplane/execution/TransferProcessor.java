package io.cadenza.dataplane.execution;

/**
 * Carries out a {@link Transfer} once the commit that recorded it has succeeded (the transactional outbox's
 * consumer). The executor lives in {@code execution.transfer} and itself updates executions through
 * {@link ExecutionManager}; the manager knows it only through this interface, so the dependency points one way.
 */
public interface TransferProcessor {

    /** Starts carrying out {@code transfer} in the background, retrying transient failures. */
    void execute(Transfer transfer);
}
