package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.ContinueAsNewInitiator;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class CronTest extends SdkTestSupport {

    @WorkflowInterface
    public interface ReportWorkflow {
        @WorkflowMethod
        String report(String name);
    }

    public static class ReportWorkflowImpl implements ReportWorkflow {
        @Override
        public String report(String name) {
            Optional<String> previous = Optional.ofNullable(Workflow.getLastCompletionResult(String.class));
            return name + "#" + (previous.map(p -> Integer.parseInt(p.substring(p.indexOf('#') + 1)) + 1).orElse(1));
        }
    }

    @Test
    void aCronWorkflowRunsOnScheduleAndEachRunIsVisibleThroughList() {
        // given a workflow that runs every second and counts its runs through the last completion result
        newWorker().registerWorkflowImplementationTypes(ReportWorkflowImpl.class);
        startWorkers();
        String workflowId = uniqueId("cron");
        ReportWorkflow workflow = client.newWorkflowStub(ReportWorkflow.class,
                workflowOptions().setWorkflowId(workflowId).setCronSchedule("@every 1s").build());

        // when it has been running for a few seconds
        WorkflowClient.start(workflow::report, "daily");
        String query = "WorkflowId = '" + workflowId + "' AND ExecutionStatus = 'Completed'";
        Poll.until(Duration.ofSeconds(15), () -> client.listExecutions(query).count() >= 3, "three cron runs completed");
        client.newUntypedWorkflowStub(workflowId).terminate("enough reports");

        // then every run started by the schedule links to its predecessor and saw its result
        List<WorkflowExecutionMetadata> runs = client.listExecutions(query + " ORDER BY StartTime ASC").toList();
        assertThat(runs.size()).isGreaterThanOrEqualTo(3);
        var second = history(workflowId, runs.get(1).getExecution().getRunId()).get(0)
                .getWorkflowExecutionStartedEventAttributes();
        assertThat(second.getInitiator()).isEqualTo(ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE);
        assertThat(second.getContinuedExecutionRunId()).isEqualTo(runs.get(0).getExecution().getRunId());
        assertThat(second.getCronSchedule()).isEqualTo("@every 1s");
        var thirdResult = history(workflowId, runs.get(2).getExecution().getRunId());
        var close = thirdResult.get(thirdResult.size() - 1).getWorkflowExecutionCompletedEventAttributes();
        assertThat(new String(close.getResult().getPayloads(0).getData().toByteArray())).isEqualTo("\"daily#3\"");
        assertThat(close.getNewExecutionRunId()).isNotEmpty();
        assertThat(describe(workflowId).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    }

    @Test
    void aMalformedCronScheduleIsRejectedWithTheReason() {
        ReportWorkflow workflow = client.newWorkflowStub(ReportWorkflow.class,
                workflowOptions().setCronSchedule("61 * * * *").build());
        Exception error = catchThrowableOfType(Exception.class, () -> WorkflowClient.start(workflow::report, "x"));
        assertThat(error).hasStackTraceContaining("INVALID_ARGUMENT").hasStackTraceContaining("cron");
    }

    private java.util.List<io.temporal.api.history.v1.HistoryEvent> history(String workflowId, String runId) {
        return client.fetchHistory(workflowId, runId).getEvents();
    }
}
