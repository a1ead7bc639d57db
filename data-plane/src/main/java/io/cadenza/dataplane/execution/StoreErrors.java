package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.persistence.ConditionFailed;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/** Error mapping: what a failed commit tells the caller, as an UNAVAILABLE error Temporal's SDKs retry on. */
final class StoreErrors {

    private static final Logger LOG = Logger.getLogger(ExecutionManager.class);

    private StoreErrors() {
    }

    /**
     * An error the transition threw passes as it is; a lost shard or a concurrent writer is UNAVAILABLE (retry,
     * possibly on the new owner), and so is any other store error.
     */
    static RuntimeException toStatus(ExecutionKey key, Throwable err) {
        Throwable cause = unwrap(err);
        if (cause instanceof CadenzaException s) {
            return s;
        }
        if (cause instanceof ShardOwnershipLost || cause instanceof ConditionFailed) {
            return Errors.unavailable("Workflow " + key.workflowId() + " moved to another instance; retry.");
        }
        LOG.errorf(cause, "commit of %s failed", key);
        return Errors.unavailable("Storage is unavailable, retry: " + cause.getMessage());
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
