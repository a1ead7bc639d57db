package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_CANCELED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_FIRED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Durable timers fire no sooner than asked, and a cancelled timer never fires. */
@QuarkusTest
public class TimerTest extends SdkTestSupport {

    @WorkflowInterface
    public interface SleepingWorkflow {
        /** Sleeps, then returns how long the workflow clock says it slept. */
        @WorkflowMethod
        long sleep(long millis);
    }

    @WorkflowInterface
    public interface CancelTimerWorkflow {
        /** Starts a one-hour timer in a scope, cancels the scope after a short timer; reports what the timer did. */
        @WorkflowMethod
        String startAndCancel();
    }

    public static class SleepingWorkflowImpl implements SleepingWorkflow {
        @Override
        public long sleep(long millis) {
            long before = Workflow.currentTimeMillis();
            Workflow.sleep(Duration.ofMillis(millis));
            return Workflow.currentTimeMillis() - before;
        }
    }

    public static class CancelTimerWorkflowImpl implements CancelTimerWorkflow {
        @Override
        public String startAndCancel() {
            List<Promise<Void>> longTimer = new ArrayList<>();
            CancellationScope scope =
                    Workflow.newCancellationScope(() -> longTimer.add(Workflow.newTimer(Duration.ofHours(1))));
            scope.run();
            // A second timer makes the cancellation happen in a later workflow task, after StartTimer was recorded.
            Workflow.sleep(Duration.ofMillis(200));
            scope.cancel();
            try {
                longTimer.get(0).get();
                return "fired";
            } catch (CanceledFailure expected) {
                return "canceled";
            }
        }
    }

    @BeforeEach
    void startWorker() {
        newWorker().registerWorkflowImplementationTypes(SleepingWorkflowImpl.class, CancelTimerWorkflowImpl.class);
        startWorkers();
    }

    @Test
    void sleepLastsAtLeastTheRequestedDuration() {
        // given
        SleepingWorkflow workflow = newWorkflow(SleepingWorkflow.class);
        long startNanos = System.nanoTime();

        // when the workflow sleeps for one second
        long workflowClockMillis = workflow.sleep(1000);

        // then both the wall clock and the workflow clock (event timestamps) moved by at least a second
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(workflowClockMillis).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void historyRecordsTimerStartedAndFired() {
        // given
        SleepingWorkflow workflow = newWorkflow(SleepingWorkflow.class);

        // when
        workflow.sleep(1000);

        // then one timer of one second was started and fired, linked by timer id and started event id
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        HistoryEvent started = single(historyOfType(workflowId, EVENT_TYPE_TIMER_STARTED));
        HistoryEvent fired = single(historyOfType(workflowId, EVENT_TYPE_TIMER_FIRED));
        assertThat(started.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds()).isEqualTo(1);
        assertThat(fired.getTimerFiredEventAttributes().getTimerId())
                .isEqualTo(started.getTimerStartedEventAttributes().getTimerId());
        assertThat(fired.getTimerFiredEventAttributes().getStartedEventId()).isEqualTo(started.getEventId());
        long firedAfterMillis = toMillis(fired) - toMillis(started);
        assertThat(firedAfterMillis).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void cancelledTimerIsRecordedAsCanceledAndNeverFires() {
        // given
        CancelTimerWorkflow workflow = newWorkflow(CancelTimerWorkflow.class);

        // when the workflow cancels its one-hour timer
        String outcome = workflow.startAndCancel();

        // then the workflow saw the cancellation, and the history cancels exactly the one-hour timer
        assertThat(outcome).isEqualTo("canceled");
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        HistoryEvent longTimer =
                historyOfType(workflowId, EVENT_TYPE_TIMER_STARTED).stream()
                        .filter(event ->
                                event.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds() == 3600)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no one-hour TimerStarted in " + eventTypes(workflowId)));
        HistoryEvent canceled = single(historyOfType(workflowId, EVENT_TYPE_TIMER_CANCELED));
        assertThat(canceled.getTimerCanceledEventAttributes().getTimerId())
                .isEqualTo(longTimer.getTimerStartedEventAttributes().getTimerId());
        assertThat(canceled.getTimerCanceledEventAttributes().getStartedEventId()).isEqualTo(longTimer.getEventId());
        assertThat(historyOfType(workflowId, EVENT_TYPE_TIMER_FIRED))
                .as("only the short timer fires")
                .singleElement()
                .satisfies(
                        fired ->
                                assertThat(fired.getTimerFiredEventAttributes().getTimerId())
                                        .isNotEqualTo(longTimer.getTimerStartedEventAttributes().getTimerId()));
    }

    private static HistoryEvent single(List<HistoryEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static long toMillis(HistoryEvent event) {
        return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
    }
}
