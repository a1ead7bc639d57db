package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.functional.support.TextActivities;
import io.cadenza.dataplane.functional.support.TextActivitiesImpl;
import io.cadenza.dataplane.testing.Histories;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The history of a closed workflow is a gap-free, ordered, self-consistent event log, readable in pages. */
@QuarkusTest
public class HistoryTest extends SdkTestSupport {

    @WorkflowInterface
    public interface ShoutTwiceWorkflow {
        @WorkflowMethod
        String shoutTwice(String text);
    }

    public static class ShoutTwiceWorkflowImpl implements ShoutTwiceWorkflow {
        private final TextActivities activities =
                Workflow.newActivityStub(
                        TextActivities.class,
                        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String shoutTwice(String text) {
            String first = activities.upper(text);
            Workflow.sleep(Duration.ofMillis(100));
            return first + " " + activities.upper(text + "!");
        }
    }

    private String workflowId;

    @BeforeEach
    void runOneWorkflow() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(ShoutTwiceWorkflowImpl.class);
        worker.registerActivitiesImplementations(new TextActivitiesImpl());
        startWorkers();
        ShoutTwiceWorkflow workflow = newWorkflow(ShoutTwiceWorkflow.class);
        assertThat(workflow.shoutTwice("hey")).isEqualTo("HEY HEY!");
        workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
    }

    @Test
    void eventIdsAreContiguousFromStartedToCompleted() {
        // given a completed workflow (activities, a timer, several workflow tasks)

        // when its history is read
        List<HistoryEvent> events = history(workflowId);

        // then ids run 1..n, it starts with WorkflowExecutionStarted and ends with its only WorkflowExecutionCompleted
        Histories.assertWellFormed(workflowId, events, EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }

    @Test
    void startedEventDescribesTheStart() {
        // given a completed workflow

        // when
        WorkflowExecutionStartedEventAttributes started =
                history(workflowId).get(0).getWorkflowExecutionStartedEventAttributes();

        // then
        assertThat(started.getWorkflowType().getName()).isEqualTo("ShoutTwiceWorkflow");
        assertThat(started.getTaskQueue().getName()).isEqualTo(taskQueue);
        String input = DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                0, Optional.of(started.getInput()), String.class, String.class);
        assertThat(input).isEqualTo("hey");
        assertThat(started.getAttempt()).isEqualTo(1);
    }

    @Test
    void eventTimesNeverGoBackwardsAndReferencesPointBackwards() {
        // given a completed workflow

        // when
        List<HistoryEvent> events = history(workflowId);
        Map<Long, HistoryEvent> byId =
                events.stream().collect(Collectors.toMap(HistoryEvent::getEventId, Function.identity()));

        // then timestamps are non-decreasing, and every workflow task's started/completed events refer to earlier
        // scheduled/started events of the right type
        for (int i = 1; i < events.size(); i++) {
            assertThat(toNanos(events.get(i)))
                    .as("time of event %d", i + 1)
                    .isGreaterThanOrEqualTo(toNanos(events.get(i - 1)));
        }
        for (HistoryEvent event : events) {
            if (event.getEventType() == EVENT_TYPE_WORKFLOW_TASK_STARTED) {
                long scheduled = event.getWorkflowTaskStartedEventAttributes().getScheduledEventId();
                assertReferences(byId, event, "scheduled_event_id", scheduled, EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
            }
            if (event.getEventType() == EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
                var completed = event.getWorkflowTaskCompletedEventAttributes();
                assertReferences(
                        byId, event, "scheduled_event_id", completed.getScheduledEventId(),
                        EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
                assertReferences(
                        byId, event, "started_event_id", completed.getStartedEventId(),
                        EVENT_TYPE_WORKFLOW_TASK_STARTED);
            }
        }
    }

    private static void assertReferences(
            Map<Long, HistoryEvent> byId, HistoryEvent event, String field, long referencedId, EventType expectedType) {
        assertThat(referencedId).as("%s of event %d", field, event.getEventId()).isBetween(1L, event.getEventId() - 1);
        assertThat(byId.get(referencedId).getEventType())
                .as("type of event %d (%s of event %d)", referencedId, field, event.getEventId())
                .isEqualTo(expectedType);
    }

    @Test
    void historyReadInSmallPagesEqualsTheWholeHistory() {
        // given a completed workflow with more than three events
        List<HistoryEvent> whole = history(workflowId);

        // when it is read three events per page, following next_page_token
        List<HistoryEvent> paged = new ArrayList<>();
        ByteString token = ByteString.EMPTY;
        int pages = 0;
        do {
            GetWorkflowExecutionHistoryResponse page =
                    rawStub()
                            .getWorkflowExecutionHistory(
                                    GetWorkflowExecutionHistoryRequest.newBuilder()
                                            .setNamespace(NAMESPACE)
                                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                                            .setMaximumPageSize(3)
                                            .setNextPageToken(token)
                                            .build());
            assertThat(page.getHistory().getEventsCount()).isLessThanOrEqualTo(3);
            paged.addAll(page.getHistory().getEventsList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages <= whole.size());

        // then the pages add up to the same events, in order
        assertThat(paged).containsExactlyElementsOf(whole);
        assertThat(pages).isGreaterThan(1);
    }

    private static long toNanos(HistoryEvent event) {
        return event.getEventTime().getSeconds() * 1_000_000_000L + event.getEventTime().getNanos();
    }
}
