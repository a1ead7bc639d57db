package io.cadenza.dataplane.execution;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The opaque token a worker gets with a task and hands back with the outcome. {@code startToken} is unique per
 * dispatch, so an outcome reported for an earlier dispatch of the same task (a worker that was presumed dead,
 * or a dispatch lost in a restart) is refused instead of being applied twice.
 */
public record TaskToken(Kind kind, String namespaceId, String workflowId, String runId, long scheduledEventId,
                        int attempt, String startToken) {

    /**
     * STANDALONE_ACTIVITY tokens name a standalone activity run: {@code workflowId} holds the activity id, and
     * {@code runId} the activity's run id. New kinds are appended: the ordinal is what a token carries.
     */
    public enum Kind { WORKFLOW, ACTIVITY, QUERY, STANDALONE_ACTIVITY }

    private static final byte VERSION = 1;

    public ExecutionKey key() {
        return new ExecutionKey(namespaceId, workflowId, runId);
    }

    public ByteString encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(kind.ordinal());
            out.writeUTF(namespaceId);
            out.writeUTF(workflowId);
            out.writeUTF(runId);
            out.writeLong(scheduledEventId);
            out.writeInt(attempt);
            out.writeUTF(startToken);
            return ByteString.copyFrom(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An activity task's token: of a workflow's activity or of a standalone activity. */
    public static TaskToken decodeActivity(ByteString token) {
        TaskToken t = decode(token, null);
        if (t.kind != Kind.ACTIVITY && t.kind != Kind.STANDALONE_ACTIVITY) {
            throw Errors.invalidArgument("Task token is for a " + t.kind.name().toLowerCase()
                    + " task, not an activity task.");
        }
        return t;
    }

    /** The token's fields; {@code expected} null accepts any kind. */
    public static TaskToken decode(ByteString token, Kind expected) {
        if (token == null || token.isEmpty()) {
            throw Errors.invalidArgument("Task token is not set on request.");
        }
        try {
            DataInputStream in = new DataInputStream(token.newInput());
            if (in.readByte() != VERSION) {
                throw Errors.invalidArgument("Task token is not a Cadenza task token.");
            }
            int kind = in.readByte();
            TaskToken t = new TaskToken(Kind.values()[kind], in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readLong(), in.readInt(), in.readUTF());
            if (expected != null && t.kind != expected) {
                throw Errors.invalidArgument("Task token is for a " + t.kind.name().toLowerCase()
                        + " task, not a " + expected.name().toLowerCase() + " task.");
            }
            return t;
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw Errors.invalidArgument("Task token is malformed.");
        }
    }
}
