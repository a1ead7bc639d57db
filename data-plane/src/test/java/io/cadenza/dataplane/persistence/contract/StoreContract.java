package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.persistence.ExecutionRow;
import io.cadenza.dataplane.persistence.NewExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every store contract suite shares: the backend, fresh ids (suites share one database, so each test works in
 * its own namespace and shards), and waiting on asynchronous results.
 */
public abstract class StoreContract {

    private static final AtomicInteger SHARDS = new AtomicInteger(1_000);

    /** The backend under test. */
    protected abstract StoreBackend backend();

    /** A namespace id no other test uses. */
    protected static String freshNamespace() {
        return "ns-" + UUID.randomUUID();
    }

    /** A shard id no other test uses. */
    protected static int freshShard() {
        return SHARDS.incrementAndGet();
    }

    protected static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error {@code stage} fails with (the test fails if it succeeds). */
    protected static Throwable failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} history events numbered from {@code first}. */
    protected static List<HistoryEvent> events(long first, int count) {
        List<HistoryEvent> events = new ArrayList<>();
        for (long id = first; id < first + count; id++) {
            events.add(HistoryEvent.newBuilder().setEventId(id)
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED).build());
        }
        return events;
    }

    /** A row of a run: {@code status} a WorkflowExecutionStatus number (1 running), started at {@code startMillis}. */
    protected static ExecutionRow row(int status, String type, long startMillis, long closeMillis) {
        return new ExecutionRow(status, type, "queue", startMillis, startMillis, closeMillis, 1, "{}", null,
                closeMillis == 0 ? null : closeMillis - startMillis, null, null);
    }

    /** A new running run with a first event. */
    protected static NewExecution newRun(ExecutionKey key, int shard, String type, long startMillis) {
        return new NewExecution(key, shard, "request-" + key.runId(), row(1, type, startMillis, 0),
                ("state of " + key.runId()).getBytes(), events(1, 1), List.of());
    }

    protected static ExecutionKey key(String namespaceId, String workflowId) {
        return new ExecutionKey(namespaceId, workflowId, UUID.randomUUID().toString());
    }

    protected static void assertState(byte[] state, String expected) {
        assertThat(new String(state)).isEqualTo(expected);
    }
}
