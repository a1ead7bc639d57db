package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.functional.support.TextActivities;
import io.cadenza.dataplane.functional.support.TextActivitiesImpl;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Local activities, side effects and versions are recorded as markers, and replay reads them back. */
@QuarkusTest
public class LocalActivityAndMarkerTest extends SdkTestSupport {

    @WorkflowInterface
    public interface MarkerWorkflow {
        @WorkflowMethod
        String run(String text);

        /** The result, recomputed by whichever worker answers (a replay after the workflow closed). */
        @QueryMethod
        String summary();
    }

    public static class MarkerWorkflowImpl implements MarkerWorkflow {
        private final TextActivities local =
                Workflow.newLocalActivityStub(
                        TextActivities.class,
                        LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
        private String summary = "";

        @Override
        public String run(String text) {
            String shouted = local.upper(text);
            // A side effect runs once; on replay its value comes from the marker: a value that changes on every call
            // proves the marker was read.
            long sideEffect = Workflow.sideEffect(Long.class, System::nanoTime);
            int version = Workflow.getVersion("shout-format", Workflow.DEFAULT_VERSION, 2);
            summary = shouted + "|v" + version + "|" + sideEffect;
            // Wait a little so the markers are followed by a timer: the replay for the query must pass them.
            Workflow.sleep(Duration.ofMillis(100));
            return summary;
        }

        @Override
        public String summary() {
            return summary;
        }
    }

    private final TextActivitiesImpl activities = new TextActivitiesImpl();

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(MarkerWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();
    }

    @Test
    void localActivitySideEffectAndVersionProduceTheResult() {
        // given
        MarkerWorkflow workflow = newWorkflow(MarkerWorkflow.class);

        // when
        String result = workflow.run("quiet");

        // then the local activity ran once in the worker, and the newest version was chosen for a new execution
        assertThat(result).startsWith("QUIET|v2|");
        assertThat(activities.invocations()).isEqualTo(1);
    }

    @Test
    void historyHasMarkersAndNoActivityTasks() {
        // given
        MarkerWorkflow workflow = newWorkflow(MarkerWorkflow.class);

        // when
        workflow.run("quiet");

        // then the server stored one marker each for the local activity, the side effect and the version
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        List<String> markerNames =
                historyOfType(workflowId, EVENT_TYPE_MARKER_RECORDED).stream()
                        .map(HistoryEvent::getMarkerRecordedEventAttributes)
                        .map(attributes -> attributes.getMarkerName())
                        .collect(Collectors.toList());
        assertThat(markerNames).containsExactlyInAnyOrder("LocalActivity", "SideEffect", "Version");
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEmpty();
    }

    @Test
    void replayAfterCompletionReadsTheMarkersBack() {
        // given a completed workflow whose result contains a side-effect value that differs on every execution
        MarkerWorkflow workflow = newWorkflow(MarkerWorkflow.class);
        String result = workflow.run("quiet");

        // when it is queried after it closed (the worker replays it from the stored history)
        String replayed = workflow.summary();

        // then the replay took the local activity result, the side effect and the version from the markers
        assertThat(replayed).isEqualTo(result);
        assertThat(activities.invocations()).isEqualTo(1);
    }
}
