package io.cadenza.dataplane.cell;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The cell's own internal RPCs between its instances (service {@code cadenza.cell.v1.Cell}), bytes in and out. */
public final class CellRpc {

    public static final String SERVICE = "cadenza.cell.v1.Cell";

    /** A run's owner hands a task pointer to the owner of its task queue; answers FAILED_PRECONDITION if not it. */
    public static final MethodDescriptor<byte[], byte[]> ADD_TASK = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "AddTask"))
            .setRequestMarshaller(Raw.INSTANCE)
            .setResponseMarshaller(Raw.INSTANCE)
            .build();

    /**
     * A transfer's step on its target run ({@code TransferTargets}), run on the target's holder. Request: the step's
     * name, a NUL byte, its JSON arguments; response: its JSON result.
     */
    public static final MethodDescriptor<byte[], byte[]> TRANSFER = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Transfer"))
            .setRequestMarshaller(Raw.INSTANCE)
            .setResponseMarshaller(Raw.INSTANCE)
            .build();

    private CellRpc() {
    }

    static final class Raw implements MethodDescriptor.Marshaller<byte[]> {
        static final Raw INSTANCE = new Raw();

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
