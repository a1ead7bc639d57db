package io.cadenza.dataplane.cell;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.matching.MatchingTask;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A task pointer on the wire between the instances of a cell (run owner -> queue owner -> run owner). */
public final class TaskPointers {

    private static final byte VERSION = 1;

    private TaskPointers() {
    }

    public static byte[] encode(MatchingTask t) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(t.kind().ordinal());
            out.writeUTF(t.key().namespaceId());
            out.writeUTF(t.key().workflowId());
            out.writeUTF(t.key().runId());
            out.writeUTF(t.taskQueue());
            out.writeBoolean(t.sticky());
            out.writeLong(t.scheduledEventId());
            out.writeInt(t.attempt());
            out.writeBoolean(t.queryId() != null);
            if (t.queryId() != null) {
                out.writeUTF(t.queryId());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MatchingTask decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("unknown task pointer version");
            }
            MatchingTask.Kind kind = MatchingTask.Kind.values()[in.readByte()];
            ExecutionKey key = new ExecutionKey(in.readUTF(), in.readUTF(), in.readUTF());
            String queue = in.readUTF();
            boolean sticky = in.readBoolean();
            long scheduled = in.readLong();
            int attempt = in.readInt();
            String queryId = in.readBoolean() ? in.readUTF() : null;
            return new MatchingTask(kind, key, queue, sticky, scheduled, attempt, queryId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shard key of the entity a task belongs to (a standalone activity's id is keyed apart from workflows). */
    public static String shardKey(MatchingTask t) {
        return t.kind() == MatchingTask.Kind.STANDALONE_ACTIVITY ? "activity:" + t.key().workflowId()
                : t.key().workflowId();
    }
}
