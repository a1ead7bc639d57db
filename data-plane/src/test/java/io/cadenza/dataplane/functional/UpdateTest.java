package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class UpdateTest extends SdkTestSupport {

    @WorkflowInterface
    public interface CartWorkflow {
        @WorkflowMethod
        List<String> run();

        @UpdateMethod
        int add(String item);

        @UpdateValidatorMethod(updateName = "add")
        void validateAdd(String item);

        @SignalMethod
        void checkout();
    }

    public static class CartWorkflowImpl implements CartWorkflow {
        private final List<String> items = new ArrayList<>();
        private boolean done;

        @Override
        public List<String> run() {
            Workflow.await(() -> done);
            return items;
        }

        @Override
        public int add(String item) {
            items.add(item);
            return items.size();
        }

        @Override
        public void validateAdd(String item) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("item must not be blank");
            }
        }

        @Override
        public void checkout() {
            done = true;
        }
    }

    @WorkflowInterface
    public interface RelayWorkflow {
        /** Round 0 waits for a stamp and continues as new; round 1 waits to be finished. */
        @WorkflowMethod
        String run(int round);

        @UpdateMethod
        String stamp(String value);

        @SignalMethod
        void finish();
    }

    public static class RelayWorkflowImpl implements RelayWorkflow {
        private String stamped;
        private boolean finished;

        @Override
        public String run(int round) {
            if (round == 0) {
                Workflow.await(() -> stamped != null);
                Workflow.continueAsNew(1);
            }
            Workflow.await(() -> finished);
            return "round " + round + " stamped " + stamped;
        }

        @Override
        public String stamp(String value) {
            stamped = value;
            return "stamped " + value + " in run " + Workflow.getInfo().getRunId();
        }

        @Override
        public void finish() {
            finished = true;
        }
    }

    @Test
    void anUpdateRetriedAfterItsRunContinuedAsNewGetsItsOutcomeInsteadOfRunningAgain() {
        // given a run that completed update "stamp-once" and then continued as new
        newWorker().registerWorkflowImplementationTypes(RelayWorkflowImpl.class);
        startWorkers();
        RelayWorkflow relay = newWorkflow(RelayWorkflow.class);
        String firstRun = WorkflowClient.start(relay::run, 0).getRunId();
        WorkflowStub stub = WorkflowStub.fromTyped(relay);
        String workflowId = stub.getExecution().getWorkflowId();
        UpdateOptions<String> once = UpdateOptions.newBuilder(String.class).setUpdateName("stamp")
                .setUpdateId("stamp-once").setWaitForStage(WorkflowUpdateStage.COMPLETED).build();
        String original = stub.startUpdate(once, "a").getResult();
        Poll.until(Duration.ofSeconds(10), () -> !describe(workflowId).getWorkflowExecutionInfo().getExecution()
                .getRunId().equals(firstRun), "the run to continue as new");

        // when a client that lost the answer sends the same update again (it follows the chain to the new run)
        String retried = stub.startUpdate(once, "a").getResult();

        // then it gets the original outcome, and the continued run never ran the update
        assertThat(original).isEqualTo("stamped a in run " + firstRun);
        assertThat(retried).isEqualTo(original);
        assertThat(historyOfType(workflowId, EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).isEmpty();
        relay.finish();
        assertThat(stub.getResult(String.class)).isEqualTo("round 1 stamped null");
    }

    private CartWorkflow startCart() {
        newWorker().registerWorkflowImplementationTypes(CartWorkflowImpl.class);
        startWorkers();
        CartWorkflow cart = newWorkflow(CartWorkflow.class);
        WorkflowClient.start(cart::run);
        return cart;
    }

    @Test
    void updatesReturnTheirResultAndAreRecordedInHistory() {
        // given
        CartWorkflow cart = startCart();

        // when
        int first = cart.add("apple");
        int second = cart.add("pear");
        cart.checkout();

        // then
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(WorkflowStub.fromTyped(cart).getResult(List.class)).containsExactly("apple", "pear");
        String id = WorkflowStub.fromTyped(cart).getExecution().getWorkflowId();
        assertThat(historyOfType(id, EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).hasSize(2);
        assertThat(historyOfType(id, EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)).hasSize(2);
    }

    @Test
    void aValidatorRejectionFailsTheUpdateAndLeavesNoTraceInHistory() {
        // given
        CartWorkflow cart = startCart();

        // when
        WorkflowUpdateException error = catchThrowableOfType(WorkflowUpdateException.class, () -> cart.add(" "));

        // then the caller sees the validator's message; the workflow goes on unaffected
        assertThat(error.getCause()).hasMessageContaining("item must not be blank");
        assertThat(cart.add("plum")).isEqualTo(1);
        String id = WorkflowStub.fromTyped(cart).getExecution().getWorkflowId();
        assertThat(historyOfType(id, EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).hasSize(1);
    }

    @Test
    void anUpdateIdIsAppliedOnceAndItsResultReturnedToEveryCaller() {
        // given
        CartWorkflow cart = startCart();
        WorkflowStub stub = WorkflowStub.fromTyped(cart);
        UpdateOptions<Integer> options = UpdateOptions.newBuilder(Integer.class).setUpdateName("add")
                .setUpdateId("add-banana-once").setWaitForStage(WorkflowUpdateStage.COMPLETED).build();

        // when the same update is sent twice
        WorkflowUpdateHandle<Integer> first = stub.startUpdate(options, "banana");
        WorkflowUpdateHandle<Integer> second = stub.startUpdate(options, "banana");

        // then it ran once
        assertThat(first.getResult()).isEqualTo(1);
        assertThat(second.getResult()).isEqualTo(1);
        assertThat(cart.add("kiwi")).isEqualTo(2);
    }

    @Test
    void manyConcurrentUpdatesAreAllApplied() {
        // given
        CartWorkflow cart = startCart();

        // when 20 updates race (many arrive while a workflow task is in flight)
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String item = "item-" + i;
            results.add(CompletableFuture.supplyAsync(() -> cart.add(item)));
        }
        List<Integer> sizes = results.stream().map(CompletableFuture::join).toList();
        cart.checkout();

        // then each saw a distinct cart size and all 20 items are in the result
        assertThat(sizes).doesNotHaveDuplicates().hasSize(20);
        assertThat(WorkflowStub.fromTyped(cart).getResult(List.class)).hasSize(20);
    }

    @Test
    void anUpdateCanBeWaitedForUntilAcceptedAndItsResultFetchedLater() {
        // given
        CartWorkflow cart = startCart();
        WorkflowStub stub = WorkflowStub.fromTyped(cart);

        // when
        WorkflowUpdateHandle<Integer> handle = stub.startUpdate(UpdateOptions.newBuilder(Integer.class)
                .setUpdateName("add").setWaitForStage(WorkflowUpdateStage.ACCEPTED).build(), "fig");

        // then
        assertThat(handle.getResultAsync().join()).isEqualTo(1);
    }
}
