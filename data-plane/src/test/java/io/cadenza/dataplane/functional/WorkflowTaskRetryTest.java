package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A workflow whose code fails keeps retrying its workflow task, but only the first failure is written: retries
 * are transient (as in Temporal), so a stuck workflow's history does not grow with every attempt.
 */
@QuarkusTest
public class WorkflowTaskRetryTest extends SdkTestSupport {

    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    @WorkflowInterface
    public interface FlakyWorkflow {
        @WorkflowMethod
        String run();
    }

    public static class FlakyWorkflowImpl implements FlakyWorkflow {
        @Override
        public String run() {
            int run = RUNS.computeIfAbsent(Workflow.getInfo().getWorkflowId(), id -> new AtomicInteger())
                    .incrementAndGet();
            if (run < 3) {
                throw new IllegalStateException("bug in workflow code, run " + run);
            }
            return "fixed on run " + run;
        }
    }

    @Test
    void retriedWorkflowTasksLeaveOnlyTheFirstFailureInHistory() {
        // given a workflow whose code fails twice (the SDK reports attempt 1; attempt 2 times out)
        newWorker().registerWorkflowImplementationTypes(FlakyWorkflowImpl.class);
        startWorkers();
        FlakyWorkflow workflow = client.newWorkflowStub(FlakyWorkflow.class,
                workflowOptions().setWorkflowTaskTimeout(Duration.ofSeconds(1)).build());

        // when
        String result = workflow.run();

        // then it completes on the third attempt, and history holds one failure and the completing attempt
        assertThat(result).isEqualTo("fixed on run 3");
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        List<HistoryEvent> events = history(workflowId);
        assertThat(events.stream().filter(e -> e.getEventType() == EVENT_TYPE_WORKFLOW_TASK_FAILED)).hasSize(1);
        assertThat(events.stream().filter(e -> e.getEventType() == EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)).isEmpty();
        List<HistoryEvent> scheduled = events.stream()
                .filter(e -> e.getEventType() == EVENT_TYPE_WORKFLOW_TASK_SCHEDULED).toList();
        assertThat(scheduled).hasSize(2);
        assertThat(scheduled.get(1).getWorkflowTaskScheduledEventAttributes().getAttempt()).isEqualTo(3);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getEventId()).isEqualTo(i + 1);
        }
    }
}
