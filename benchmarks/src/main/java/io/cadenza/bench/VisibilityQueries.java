package io.cadenza.bench;

import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * Times visibility RPCs one after another on a raw {@link WorkflowServiceStubs} blocking stub (no SDK client in
 * between). A freshly started data plane needs thousands of calls before its JIT settles, so {@link #warmUp} first
 * runs every call round-robin; {@link #measure} then makes one call a few more times untimed and times it
 * {@code repeats} times, each from the request to the decoded response.
 */
final class VisibilityQueries implements AutoCloseable {

    static final String NAMESPACE = "default";
    static final int PAGE_SIZE = 100;
    private static final long DEADLINE_SECONDS = 60;

    /** What one response held: executions in the page or groups of a count, and extra text (empty when none). */
    record Outcome(int rows, String detail) {
    }

    /**
     * An RPC ready to be repeated.
     *
     * @param label  what is called, for the output
     * @param filter the list filter, to count the runs it matches
     * @param rpc    makes the call
     */
    record Call(String label, String filter, Supplier<Outcome> rpc) {
    }

    /**
     * The figures of one call.
     *
     * @param label    what was called
     * @param latency  of the timed calls
     * @param rows     executions in the page, or groups of a count
     * @param matching executions the filter matches in all (CountWorkflowExecutions with the same filter, untimed)
     * @param detail   extra text, such as the groups of a count; empty when none
     */
    record Result(String label, Latencies latency, int rows, long matching, String detail) {
    }

    private final WorkflowServiceStubs service;

    private VisibilityQueries(WorkflowServiceStubs service) {
        this.service = service;
    }

    static VisibilityQueries connect(String address) {
        return new VisibilityQueries(WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build()));
    }

    /** ListWorkflowExecutions: the first page of {@code query}. */
    Call firstPage(String query) {
        ListWorkflowExecutionsRequest request = listRequest(query, ByteString.EMPTY);
        return new Call(query.isEmpty() ? "List (no filter)" : "List " + query, query, () -> list(request));
    }

    /**
     * ListWorkflowExecutions: page {@code page} of {@code query}, reached by following next_page_token from the first
     * page once; every call then sends that page's token (a keyset, so each call is the same query).
     */
    Call deepPage(String query, int page) {
        ByteString token = ByteString.EMPTY;
        for (int i = 1; i < page; i++) {
            token = stub().listWorkflowExecutions(listRequest(query, token)).getNextPageToken();
            if (token.isEmpty()) {
                throw new IllegalStateException(query + " has fewer than " + page + " pages of " + PAGE_SIZE);
            }
        }
        ListWorkflowExecutionsRequest request = listRequest(query, token);
        return new Call("List page " + page + " of " + query, query, () -> list(request));
    }

    /** CountWorkflowExecutions of {@code query}, which may end with GROUP BY ExecutionStatus. */
    Call count(String query) {
        CountWorkflowExecutionsRequest request = countRequest(query);
        return new Call("Count " + query, query, () -> {
            CountWorkflowExecutionsResponse response = stub().countWorkflowExecutions(request);
            StringJoiner groups = new StringJoiner(", ");
            for (CountWorkflowExecutionsResponse.AggregationGroup group : response.getGroupsList()) {
                String value = group.getGroupValuesCount() == 0 ? "?"
                        : group.getGroupValues(0).getData().toStringUtf8().replace("\"", "");
                groups.add(value + " " + group.getCount());
            }
            return new Outcome(response.getGroupsCount(), groups.toString());
        });
    }

    /** Makes every call {@code rounds} times, round-robin, untimed. */
    void warmUp(List<Call> calls, int rounds) {
        for (int round = 0; round < rounds; round++) {
            calls.forEach(call -> call.rpc().get());
        }
    }

    /** Makes {@code warmup} untimed calls, then times {@code repeats} calls in a row. */
    Result measure(Call call, int warmup, int repeats) {
        for (int i = 0; i < warmup; i++) {
            call.rpc().get();
        }
        long[] nanos = new long[repeats];
        Outcome last = null;
        for (int i = 0; i < repeats; i++) {
            long begin = System.nanoTime();
            last = call.rpc().get();
            nanos[i] = System.nanoTime() - begin;
        }
        long matching = stub().countWorkflowExecutions(countRequest(call.filter())).getCount();
        return new Result(call.label(), Latencies.of(nanos), last.rows(), matching, last.detail());
    }

    private Outcome list(ListWorkflowExecutionsRequest request) {
        return new Outcome(stub().listWorkflowExecutions(request).getExecutionsCount(), "");
    }

    private static ListWorkflowExecutionsRequest listRequest(String query, ByteString token) {
        return ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE).setQuery(query)
                .setPageSize(PAGE_SIZE).setNextPageToken(token).build();
    }

    private static CountWorkflowExecutionsRequest countRequest(String query) {
        return CountWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE).setQuery(query).build();
    }

    private WorkflowServiceBlockingStub stub() {
        return service.blockingStub().withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        service.shutdown();
        service.awaitTermination(10, TimeUnit.SECONDS);
    }
}
