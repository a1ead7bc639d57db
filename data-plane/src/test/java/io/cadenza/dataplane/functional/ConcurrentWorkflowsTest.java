package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.functional.support.TextActivities;
import io.cadenza.dataplane.functional.support.TextActivitiesImpl;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many workflows in flight at once each get their own, correct result. */
@QuarkusTest
public class ConcurrentWorkflowsTest extends SdkTestSupport {

    static final int WORKFLOWS = 100;

    @WorkflowInterface
    public interface ShoutWorkflow {
        @WorkflowMethod
        String shout(String text);
    }

    public static class ShoutWorkflowImpl implements ShoutWorkflow {
        private final TextActivities activities =
                Workflow.newActivityStub(
                        TextActivities.class,
                        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

        @Override
        public String shout(String text) {
            return activities.upper(text) + "!";
        }
    }

    private final TextActivitiesImpl activities = new TextActivitiesImpl();

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(ShoutWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();
    }

    @Test
    void hundredConcurrentWorkflowsAllCompleteWithTheirOwnResult() throws Exception {
        // given a hundred workflows started without waiting for any of them
        Map<Integer, CompletableFuture<String>> results = new LinkedHashMap<>();
        for (int i = 0; i < WORKFLOWS; i++) {
            ShoutWorkflow workflow = newWorkflow(ShoutWorkflow.class);
            WorkflowClient.start(workflow::shout, "order-" + i);
            results.put(i, WorkflowStub.fromTyped(workflow).getResultAsync(String.class));
        }

        // when all of them are awaited (one shared deadline)
        CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);

        // then each one returned the result for its own input, and each activity ran once
        results.forEach((i, result) -> assertThat(result.join()).as("workflow %d", i).isEqualTo("ORDER-" + i + "!"));
        assertThat(activities.invocations()).isEqualTo(WORKFLOWS);
    }
}
