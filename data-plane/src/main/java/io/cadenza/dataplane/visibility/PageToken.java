package io.cadenza.dataplane.visibility;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Where the next page of a list starts: the sort value and run id of the last row returned, and the order they
 * belong to (a token from one ORDER BY is refused for another). Sent to clients as {@code next_page_token}.
 *
 * <p>Layout: version (1 byte), {@link SortOrder} ordinal (1), has-time flag (1), epoch seconds (8), nanos (4),
 * run id (UTF-8, rest).
 *
 * @param sortTime the last row's value of {@link SortOrder#column()}; {@code null} only for an open run's close time
 */
public record PageToken(SortOrder order, OffsetDateTime sortTime, String runId) {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 1 + 1 + 8 + 4;

    public PageToken {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(runId, "runId");
        if (sortTime == null && !order.nullable()) {
            throw new IllegalArgumentException(order.column() + " is never NULL");
        }
        sortTime = sortTime == null ? null : sortTime.withOffsetSameInstant(ZoneOffset.UTC);
    }

    public byte[] encode() {
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + run.length)
                .put(VERSION).put((byte) order.ordinal()).put((byte) (sortTime == null ? 0 : 1));
        Instant instant = sortTime == null ? Instant.EPOCH : sortTime.toInstant();
        return buffer.putLong(instant.getEpochSecond()).putInt(instant.getNano()).put(run).array();
    }

    /**
     * The token {@link #encode()} produced.
     *
     * @throws IllegalArgumentException for bytes that are not such a token (the gRPC layer answers
     *                                  {@code INVALID_ARGUMENT})
     */
    public static PageToken decode(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int version = buffer.get();
            int ordinal = buffer.get();
            int hasTime = buffer.get();
            long seconds = buffer.getLong();
            int nanos = buffer.getInt();
            if (version != VERSION || ordinal < 0 || ordinal >= SortOrder.values().length || hasTime < 0
                    || hasTime > 1 || nanos < 0 || nanos > 999_999_999 || !buffer.hasRemaining()) {
                throw new IllegalArgumentException("not a visibility page token");
            }
            String runId = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).decode(buffer).toString();
            OffsetDateTime time = hasTime == 1
                    ? Instant.ofEpochSecond(seconds, nanos).atOffset(ZoneOffset.UTC) : null;
            return new PageToken(SortOrder.values()[ordinal], time, runId);
        } catch (BufferUnderflowException | CharacterCodingException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a visibility page token", e);
        }
    }
}
