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

    public CellInternalService(RemoteTasks tasks) {
        this.tasks = tasks;
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
                .build();
    }
}
