package io.cadenza.dataplane.unit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.grpc.StatusMapping;
import io.cadenza.dataplane.human.api.Problems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.temporal.api.enums.v1.ResourceExhaustedCause;
import io.temporal.api.errordetails.v1.ActivityExecutionAlreadyStartedFailure;
import io.temporal.api.errordetails.v1.NamespaceAlreadyExistsFailure;
import io.temporal.api.errordetails.v1.NamespaceNotFoundFailure;
import io.temporal.api.errordetails.v1.NotFoundFailure;
import io.temporal.api.errordetails.v1.QueryFailedFailure;
import io.temporal.api.errordetails.v1.ResourceExhaustedFailure;
import io.temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure;
import io.temporal.api.failure.v1.Failure;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The two mappings of the engine's errors: to gRPC (status code, description and the Temporal error detail SDKs
 * unpack) and to HTTP problem documents.
 */
class ErrorMappingsTest {

    private static com.google.rpc.Status grpc(CadenzaException e) {
        StatusRuntimeException s = StatusMapping.toStatus(e);
        com.google.rpc.Status status = StatusProto.fromThrowable(s);
        assertThat(status).isNotNull();
        assertThat(status.getMessage()).isEqualTo(e.getMessage());
        assertThat(s.getStatus().getDescription()).isEqualTo(e.getMessage());
        assertThat(s.getStatus().getCode().name()).isEqualTo(e.kind().name());
        return status;
    }

    private static <T extends com.google.protobuf.Message> T onlyDetail(com.google.rpc.Status status, Class<T> type)
            throws Exception {
        List<Any> details = status.getDetailsList();
        assertThat(details).hasSize(1);
        return details.get(0).unpack(type);
    }

    @Test
    void everyKindIsTheGrpcCodeOfItsName() {
        for (CadenzaException.Kind kind : CadenzaException.Kind.values()) {
            StatusRuntimeException s = StatusMapping.toStatus(new CadenzaException(kind, "m"));
            assertThat(s.getStatus().getCode()).isEqualTo(Status.Code.valueOf(kind.name()));
            assertThat(StatusProto.fromThrowable(s).getDetailsList()).isEmpty();
        }
    }

    @Test
    void theTypedDetailsBecomeTemporalErrorDetails() throws Exception {
        assertThat(onlyDetail(grpc(Errors.notFound("no run")), NotFoundFailure.class))
                .isEqualTo(NotFoundFailure.getDefaultInstance());
        assertThat(onlyDetail(grpc(Errors.namespaceNotFound("orders")), NamespaceNotFoundFailure.class)
                .getNamespace()).isEqualTo("orders");
        assertThat(onlyDetail(grpc(Errors.namespaceAlreadyExists("orders")), NamespaceAlreadyExistsFailure.class))
                .isEqualTo(NamespaceAlreadyExistsFailure.getDefaultInstance());
        WorkflowExecutionAlreadyStartedFailure started = onlyDetail(grpc(Errors.alreadyStarted("wf", "req", "run")),
                WorkflowExecutionAlreadyStartedFailure.class);
        assertThat(started.getStartRequestId()).isEqualTo("req");
        assertThat(started.getRunId()).isEqualTo("run");
        ActivityExecutionAlreadyStartedFailure activity = onlyDetail(
                grpc(Errors.activityAlreadyStarted("a", "req", "run")), ActivityExecutionAlreadyStartedFailure.class);
        assertThat(activity.getRunId()).isEqualTo("run");
        Failure failure = Failure.newBuilder().setMessage("boom").build();
        assertThat(onlyDetail(grpc(Errors.queryFailed("query failed", failure)), QueryFailedFailure.class)
                .getFailure()).isEqualTo(failure);
        assertThat(onlyDetail(grpc(Errors.queryFailed("query failed", null)), QueryFailedFailure.class)
                .hasFailure()).isFalse();
        assertThat(onlyDetail(grpc(Errors.resourceExhausted("too many")), ResourceExhaustedFailure.class).getCause())
                .isEqualTo(ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_CONCURRENT_LIMIT);
        assertThat(grpc(Errors.invalidArgument("bad")).getDetailsList()).isEmpty();
    }

    @Test
    void theKindsBecomeHttpProblemsAndAnInternalErrorHidesItsMessage() {
        assertProblem(Errors.invalidArgument("bad"), 400, "bad");
        assertProblem(Errors.namespaceNotFound("orders"), 404, "Namespace orders is not found.");
        assertProblem(Errors.alreadyExists("twice"), 409, "twice");
        assertProblem(Errors.failedPrecondition("not now"), 409, "not now");
        assertProblem(Errors.resourceExhausted("too many"), 429, "too many");
        assertProblem(Errors.unavailable("retry"), 503, "retry");
        assertProblem(Errors.deadlineExceeded("late"), 504, "late");
        Response internal = Problems.response(new CompletionException(Errors.internal("secret")));
        assertThat(internal.getStatus()).isEqualTo(500);
        assertThat(((Problems.Problem) internal.getEntity()).detail()).doesNotContain("secret");
    }

    private static void assertProblem(CadenzaException e, int status, String detail) {
        Response r = Problems.response(new CompletionException(e));
        assertThat(r.getStatus()).isEqualTo(status);
        assertThat(r.getMediaType().toString()).isEqualTo(Problems.MEDIA_TYPE);
        Problems.Problem p = (Problems.Problem) r.getEntity();
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.detail()).isEqualTo(detail);
    }
}
