package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.TimerWheel;
import io.cadenza.dataplane.functional.support.TextActivities;
import io.cadenza.dataplane.functional.support.TextActivitiesImpl;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closed runs leave the in-memory cache shortly after they close ({@code cadenza.closed-execution-cache-millis}), so
 * a busy cell's memory holds its open runs rather than its recent history; everything about a closed run is then
 * read from the store, unchanged. Open runs stay cached.
 */
@QuarkusTest
public class ExecutionCacheTest extends SdkTestSupport {

    @WorkflowInterface
    public interface EchoOnceWorkflow {
        @WorkflowMethod
        String echo(String text);
    }

    public static class EchoOnceWorkflowImpl implements EchoOnceWorkflow {
        private final TextActivities activities = Workflow.newActivityStub(TextActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String echo(String text) {
            return activities.upper(text);
        }
    }

    @WorkflowInterface
    public interface WaitingWorkflow {
        @WorkflowMethod
        String await();

        @SignalMethod
        void release(String value);
    }

    public static class WaitingWorkflowImpl implements WaitingWorkflow {
        private String value;

        @Override
        public String await() {
            Workflow.await(() -> value != null);
            return value;
        }

        @Override
        public void release(String value) {
            this.value = value;
        }
    }

    @Inject
    ExecutionManager manager;

    @Inject
    NamespaceRegistry namespaces;

    @Inject
    TimerWheel timers;

    @BeforeEach
    void worker() {
        io.temporal.worker.Worker worker = newWorker();
        worker.registerWorkflowImplementationTypes(EchoOnceWorkflowImpl.class, WaitingWorkflowImpl.class);
        worker.registerActivitiesImplementations(new TextActivitiesImpl());
        startWorkers();
    }

    @Test
    void aClosedRunLeavesTheCacheAndIsReadFromTheStoreUnchanged() throws Exception {
        // given an open run and a run that completed
        WaitingWorkflow waiting = newWorkflow(WaitingWorkflow.class);
        WorkflowExecution open = WorkflowClient.start(waiting::await);
        EchoOnceWorkflow echo = newWorkflow(EchoOnceWorkflow.class);
        WorkflowExecution closed = WorkflowClient.start(echo::echo, "hello");
        assertThat(WorkflowStub.fromTyped(echo).getResult(String.class)).isEqualTo("HELLO");
        List<HistoryEvent> historyWhileCached = history(closed.getWorkflowId());
        String namespaceId = namespaces.byName(NAMESPACE).id();
        ExecutionKey closedKey = new ExecutionKey(namespaceId, closed.getWorkflowId(), closed.getRunId());
        ExecutionKey openKey = new ExecutionKey(namespaceId, open.getWorkflowId(), open.getRunId());

        // when its cache time passes (closed runs are swept as new runs start)
        Poll.until(Duration.ofSeconds(30), () -> {
            WorkflowClient.start(newWorkflow(EchoOnceWorkflow.class)::echo, "tick");
            return !manager.isCached(closedKey);
        }, "the closed run to leave the cache");

        // then the open run is still cached, and the closed one reads the same from the store
        assertThat(manager.isCached(openKey)).isTrue();
        assertThat(history(closed.getWorkflowId())).isEqualTo(historyWhileCached);
        assertThat(describe(closed.getWorkflowId()).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(client.newUntypedWorkflowStub(closed, Optional.empty()).getResult(String.class))
                .isEqualTo("HELLO");
        // and the open run carries on
        waiting.release("done");
        assertThat(WorkflowStub.fromTyped(waiting).getResult(String.class)).isEqualTo("done");
    }

    @Test
    void aClosedRunHasNoWakeUpLeftAndLeavesTheCacheAgainAfterItIsReadBack() throws Exception {
        // given a run that completed (its workflow and activity tasks had start-to-close deadlines)
        EchoOnceWorkflow echo = newWorkflow(EchoOnceWorkflow.class);
        WorkflowExecution closed = WorkflowClient.start(echo::echo, "late");
        assertThat(WorkflowStub.fromTyped(echo).getResult(String.class)).isEqualTo("LATE");
        ExecutionKey key = new ExecutionKey(namespaces.byName(NAMESPACE).id(), closed.getWorkflowId(),
                closed.getRunId());

        // then none of those deadlines is still to wake it up (that would load it back from the store)
        assertThat(timers.isScheduled(key)).isFalse();

        // and once it left the cache, a describe loads it again, and it leaves again
        awaitEvicted(key);
        assertThat(describe(closed.getWorkflowId()).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(manager.isCached(key)).isTrue();
        awaitEvicted(key);
    }

    /** Closed runs are swept as new runs start. */
    private void awaitEvicted(ExecutionKey key) {
        Poll.until(Duration.ofSeconds(30), () -> {
            WorkflowClient.start(newWorkflow(EchoOnceWorkflow.class)::echo, "tick");
            return !manager.isCached(key);
        }, "run " + key + " to leave the cache");
    }
}
