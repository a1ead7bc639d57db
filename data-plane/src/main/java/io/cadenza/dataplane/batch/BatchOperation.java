package io.cadenza.dataplane.batch;

import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.ResetOptions;

/**
 * What a batch job does to each of its runs, as the engine sees it (the StartBatchOperation request it came from is
 * the gRPC adapter's business: {@link BatchRequests} decodes the stored request into one of these).
 */
public sealed interface BatchOperation {

    /** The job's reason, recorded on every run it changes. */
    String reason();

    record Terminate(String reason, String identity, Payloads details) implements BatchOperation {
    }

    record Cancel(String reason, String identity) implements BatchOperation {
    }

    record Signal(String reason, String name, Payloads input, Header header, String identity)
            implements BatchOperation {
    }

    /** {@code options} as {@link BatchOperations#options} resolved them from the request. */
    record Reset(String reason, ResetOptions options) implements BatchOperation {
    }

    record Delete(String reason, String identity) implements BatchOperation {
    }

    /** An operation this engine does not apply (refused when the job starts; kept for jobs stored before that). */
    record Unsupported(String reason, String name) implements BatchOperation {
    }
}
