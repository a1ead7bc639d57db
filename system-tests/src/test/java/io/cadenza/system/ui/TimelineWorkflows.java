package io.cadenza.system.ui;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** A run for the graphical timeline: an activity that fails twice before it succeeds, then a timer. */
public final class TimelineWorkflows {

    private TimelineWorkflows() {
    }

    @WorkflowInterface
    public interface Shipment {
        @WorkflowMethod
        String run();
    }

    @ActivityInterface
    public interface Carrier {
        String book();
    }

    /** Fails on attempts 1 and 2, succeeds on the third. */
    public static class CarrierImpl implements Carrier {
        @Override
        public String book() {
            int attempt = Activity.getExecutionContext().getInfo().getAttempt();
            if (attempt < 3) {
                throw ApplicationFailure.newFailure("carrier busy (attempt " + attempt + ")", "CarrierBusy");
            }
            return "booked on attempt " + attempt;
        }
    }

    public static class ShipmentImpl implements Shipment {
        private final Carrier carrier = Workflow.newActivityStub(Carrier.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(1.0).setMaximumAttempts(5).build())
                .build());

        @Override
        public String run() {
            String booking = carrier.book();
            Workflow.sleep(Duration.ofSeconds(2));
            return booking + ", shipped";
        }
    }
}
