package io.cadenza.dataplane.persistence;

/** The run changed since it was loaded (its version moved): the caller's view is stale. */
public final class ConditionFailed extends RuntimeException {
    public ConditionFailed(String message) {
        super(message, null, false, false);
    }
}
