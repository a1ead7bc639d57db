package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures the workflow declares final are not retried, however generous the retry policy. */
@QuarkusTest
public class NonRetryableFailureTest extends SdkTestSupport {

    static final int MAXIMUM_ATTEMPTS = 4;

    @WorkflowInterface
    public interface ChargeWorkflow {
        /** Charges a card; the activity fails with the given failure type, non-retryable or not. */
        @WorkflowMethod
        String charge(String failureType, boolean nonRetryable);
    }

    @ActivityInterface
    public interface PaymentActivities {
        String charge(String failureType, boolean nonRetryable);
    }

    public static class ChargeWorkflowImpl implements ChargeWorkflow {
        private final PaymentActivities payments =
                Workflow.newActivityStub(
                        PaymentActivities.class,
                        ActivityOptions.newBuilder()
                                .setStartToCloseTimeout(Duration.ofSeconds(10))
                                .setRetryOptions(
                                        RetryOptions.newBuilder()
                                                .setInitialInterval(Duration.ofMillis(100))
                                                .setBackoffCoefficient(1.0)
                                                .setMaximumAttempts(MAXIMUM_ATTEMPTS)
                                                .setDoNotRetry("CardDeclined")
                                                .build())
                                .build());

        @Override
        public String charge(String failureType, boolean nonRetryable) {
            return payments.charge(failureType, nonRetryable);
        }
    }

    public static class PaymentActivitiesImpl implements PaymentActivities {
        final List<Integer> attempts = new CopyOnWriteArrayList<>();

        @Override
        public String charge(String failureType, boolean nonRetryable) {
            attempts.add(Activity.getExecutionContext().getInfo().getAttempt());
            String message = "charge refused (" + failureType + ")";
            throw nonRetryable
                    ? ApplicationFailure.newNonRetryableFailure(message, failureType, "order-42")
                    : ApplicationFailure.newFailure(message, failureType, "order-42");
        }
    }

    private final PaymentActivitiesImpl payments = new PaymentActivitiesImpl();

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(ChargeWorkflowImpl.class);
        worker.registerActivitiesImplementations(payments);
        startWorkers();
    }

    @Test
    void nonRetryableApplicationFailureIsNotRetried() {
        // given an activity that throws a non-retryable failure, under a policy allowing four attempts
        ChargeWorkflow workflow = newWorkflow(ChargeWorkflow.class);

        // when
        WorkflowFailedException failed =
                catchThrowableOfType(WorkflowFailedException.class, () -> workflow.charge("FraudSuspected", true));

        // then the activity ran once and its failure, type and details reach the client
        assertThat(payments.attempts).containsExactly(1);
        ApplicationFailure cause = applicationFailureOf(failed);
        assertThat(cause.getType()).isEqualTo("FraudSuspected");
        assertThat(cause.getOriginalMessage()).isEqualTo("charge refused (FraudSuspected)");
        assertThat(cause.isNonRetryable()).isTrue();
        assertThat(cause.getDetails().get(String.class)).isEqualTo("order-42");
        assertFailedOnceWithNonRetryableState(WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
    }

    @Test
    void failureTypeListedInDoNotRetryIsNotRetried() {
        // given an ordinary (retryable) failure whose type the retry policy lists as "do not retry"
        ChargeWorkflow workflow = newWorkflow(ChargeWorkflow.class);

        // when
        WorkflowFailedException failed =
                catchThrowableOfType(WorkflowFailedException.class, () -> workflow.charge("CardDeclined", false));

        // then the server applied the policy: one attempt, the failure reported as non-retryable
        assertThat(payments.attempts).containsExactly(1);
        assertThat(applicationFailureOf(failed).getType()).isEqualTo("CardDeclined");
        assertFailedOnceWithNonRetryableState(WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
    }

    @Test
    void failureTypeNotListedIsRetried() {
        // given the same retryable failure with a type the policy does not list (guards the test above against a server
        // that never retries)
        ChargeWorkflow workflow = newWorkflow(ChargeWorkflow.class);

        // when
        catchThrowableOfType(WorkflowFailedException.class, () -> workflow.charge("GatewayTimeout", false));

        // then every attempt the policy allows ran
        assertThat(payments.attempts).containsExactly(1, 2, 3, 4);
    }

    private static ApplicationFailure applicationFailureOf(WorkflowFailedException failed) {
        assertThat(failed).as("workflow failure").isNotNull();
        assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
        assertThat(failed.getCause().getCause()).isInstanceOf(ApplicationFailure.class);
        return (ApplicationFailure) failed.getCause().getCause();
    }

    private void assertFailedOnceWithNonRetryableState(String workflowId) {
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_STARTED))
                .singleElement()
                .satisfies(event -> assertThat(event.getActivityTaskStartedEventAttributes().getAttempt())
                        .isEqualTo(1));
        ActivityTaskFailedEventAttributes failed =
                historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_FAILED).get(0)
                        .getActivityTaskFailedEventAttributes();
        assertThat(failed.getRetryState()).isEqualTo(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_FAILED)).hasSize(1);
    }
}
