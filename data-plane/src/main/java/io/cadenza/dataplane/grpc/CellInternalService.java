package io.cadenza.dataplane.grpc;

import io.cadenza.dataplane.cell.CellRpc;
import io.cadenza.dataplane.cell.RemoteTasks;
import io.cadenza.dataplane.cell.TaskPointers;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.quarkus.grpc.GrpcService;

/** The cell's internal RPCs between its instances ({@link CellRpc}); callers need the internal token like any. */
@GrpcService
public class CellInternalService implements BindableService {

    private static final byte[] EMPTY = new byte[0];

    private final RemoteTasks tasks;
    private final io.cadenza.dataplane.cell.RemoteTransfers transfers;

    public CellInternalService(RemoteTasks tasks, io.cadenza.dataplane.cell.RemoteTransfers transfers) {
        this.tasks = tasks;
        this.transfers = transfers;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerServiceDefinition.builder(CellRpc.SERVICE)
                .addMethod(CellRpc.ADD_TASK, ServerCalls.asyncUnaryCall((request, out) -> {
                    try {
                        if (tasks.accept(TaskPointers.decode(request))) {
                            out.onNext(EMPTY);
                            out.onCompleted();
                        } else {
                            out.onError(Status.FAILED_PRECONDITION
                                    .withDescription("This instance does not own the task queue.").asException());
                        }
                    } catch (RuntimeException e) {
                        out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException());
                    }
                }))
                .addMethod(CellRpc.TRANSFER, ServerCalls.asyncUnaryCall((request, out) ->
                        transfers.serve(request).whenComplete((result, error) -> {
                            if (error == null) {
                                out.onNext(result);
                                out.onCompleted();
                                return;
                            }
                            Throwable cause = error instanceof java.util.concurrent.CompletionException
                                    && error.getCause() != null ? error.getCause() : error;
                            out.onError(cause instanceof io.grpc.StatusRuntimeException s ? s
                                    : Status.UNAVAILABLE.withDescription(String.valueOf(cause.getMessage()))
                                    .asRuntimeException());
                        })))
                .build();
    }
}
