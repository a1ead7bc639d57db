package io.cadenza.gateway.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Passes messages through as bytes: the gateway parses a request only to read its namespace. */
final class RawMarshaller implements MethodDescriptor.Marshaller<byte[]> {

    static final RawMarshaller INSTANCE = new RawMarshaller();

    private RawMarshaller() {
    }

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

    static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> typed) {
        return typed.toBuilder(INSTANCE, INSTANCE).build();
    }
}
