package io.cadenza.bench;

import java.time.Duration;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

/** Returns what the activity returns, which is its input. */
public class EchoWorkflowImpl implements EchoWorkflow {

    private final EchoActivities activities = Workflow.newActivityStub(EchoActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public String echo(String input) {
        return activities.echo(input);
    }
}
