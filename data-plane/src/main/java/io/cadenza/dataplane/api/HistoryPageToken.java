package io.cadenza.dataplane.api;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.common.Errors;
import java.nio.ByteBuffer;

/**
 * Where the next page of a history starts. A page sequence handed out with a workflow task also names the id of
 * the task's first in-memory event ({@code workflowTaskStartedEventId}): the sequence ends there, and the task's
 * in-memory events (written to history only when it closes) end the last page. A negative value bounds a query
 * task's sequence without such events.
 */
record HistoryPageToken(long nextEventId, long workflowTaskStartedEventId) {

    ByteString encode() {
        return ByteString.copyFrom(ByteBuffer.allocate(17).put((byte) 1).putLong(nextEventId)
                .putLong(workflowTaskStartedEventId).array());
    }

    static HistoryPageToken decode(ByteString token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.size() != 17 || token.byteAt(0) != 1) {
            throw Errors.invalidArgument("NextPageToken is not a valid history page token.");
        }
        ByteBuffer b = token.asReadOnlyByteBuffer();
        b.get();
        return new HistoryPageToken(b.getLong(), b.getLong());
    }
}
