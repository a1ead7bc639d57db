package io.cadenza.dataplane.common;

import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;

/** Conversions between protobuf well-known types and the epoch-millis longs kept in mutable state. */
public final class Protos {

    private Protos() {
    }

    public static Timestamp timestamp(long epochMillis) {
        return Timestamp.newBuilder()
                .setSeconds(Math.floorDiv(epochMillis, 1000))
                .setNanos((int) Math.floorMod(epochMillis, 1000) * 1_000_000)
                .build();
    }

    public static long millis(Timestamp t) {
        return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
    }

    public static Duration duration(long millis) {
        return Duration.newBuilder()
                .setSeconds(Math.floorDiv(millis, 1000))
                .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000)
                .build();
    }

    public static long millis(Duration d) {
        return d.getSeconds() * 1000 + d.getNanos() / 1_000_000;
    }

    public static byte[] bytes(Message m) {
        return m == null ? null : m.toByteArray();
    }

    /** Parses stored proto bytes; null or empty bytes give the default instance. */
    public static <T extends Message> T parse(Parser<T> parser, byte[] bytes, T defaultInstance) {
        if (bytes == null || bytes.length == 0) {
            return defaultInstance;
        }
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt stored proto " + defaultInstance.getClass().getSimpleName(), e);
        }
    }
}
