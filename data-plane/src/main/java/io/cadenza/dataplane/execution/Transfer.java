package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.state.ParentRef;
import io.temporal.api.history.v1.HistoryEvent;

/**
 * Work on other runs that a committed update implies (Temporal's transfer tasks). Each is derived from state the
 * update committed, so recovery re-issues whatever is still pending, and each is idempotent on the target.
 */
public sealed interface Transfer {

    /** Start the child initiated by event {@code initiatedEventId} of {@code parent}. */
    record StartChild(ExecutionKey parent, long initiatedEventId) implements Transfer {
    }

    /** Deliver the signal or cancellation request initiated by event {@code initiatedEventId} of {@code source}. */
    record DeliverExternalRequest(ExecutionKey source, long initiatedEventId) implements Transfer {
    }

    /** Report a closed child run's outcome ({@code closeEvent}) to its parent. */
    record ReportToParent(ExecutionKey child, String workflowType, ParentRef parent, HistoryEvent closeEvent)
            implements Transfer {
    }

    /** Ask whether a started child already closed (recovery of a parent whose report may have been lost). */
    record CheckChild(ExecutionKey parent, long initiatedEventId) implements Transfer {
    }

    /** Terminate or cancel a child because its parent closed (parent close policy). */
    record ApplyParentClosePolicy(ExecutionKey child, int parentClosePolicy, ExecutionKey parent) implements Transfer {
    }
}
