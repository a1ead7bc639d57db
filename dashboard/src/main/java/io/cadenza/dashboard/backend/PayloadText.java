package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Shows Temporal payloads as text (JSON as written by the SDKs' default converter) and builds JSON payloads. */
public final class PayloadText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadText() {
    }

    /** All payloads, one per line; empty when there are none. */
    public static String show(Payloads payloads) {
        if (payloads == null || payloads.getPayloadsCount() == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Payload p : payloads.getPayloadsList()) {
            parts.add(show(p));
        }
        return String.join("\n", parts);
    }

    public static String show(Payload payload) {
        String encoding = payload.getMetadataOrDefault("encoding", ByteString.EMPTY).toStringUtf8();
        return switch (encoding) {
            case "binary/null" -> "null";
            case "json/plain", "json/protobuf" -> payload.getData().toStringUtf8();
            case "binary/plain" -> "(binary, " + payload.getData().size() + " bytes) "
                    + Base64.getEncoder().encodeToString(payload.getData().toByteArray());
            default -> encoding.contains("encrypted") || encoding.startsWith("binary/")
                    ? "(" + encoding + ", " + payload.getData().size() + " bytes; not readable without the codec)"
                    : payload.getData().toStringUtf8();
        };
    }

    /** A {@code json/plain} payload list from one JSON value typed by a person; blank means no arguments. */
    public static Payloads fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Payloads.getDefaultInstance();
        }
        try {
            String normalized = JSON.writeValueAsString(JSON.readTree(json));
            return Payloads.newBuilder().addPayloads(Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                    .setData(ByteString.copyFrom(normalized, StandardCharsets.UTF_8))).build();
        } catch (JsonProcessingException e) {
            throw new BackendException("That is not valid JSON: " + e.getOriginalMessage(), 400);
        }
    }

    /** A failure and its causes, one per line: {@code message (type)}, then {@code caused by: ...}. */
    public static String causeChain(Failure failure) {
        StringBuilder out = new StringBuilder();
        Failure current = failure;
        int depth = 0;
        while (current != null && depth < 20) {
            if (depth > 0) {
                out.append("\ncaused by: ");
            }
            out.append(current.getMessage().isEmpty() ? "(no message)" : current.getMessage());
            String type = failureType(current);
            if (!type.isEmpty()) {
                out.append(" [").append(type).append(']');
            }
            current = current.hasCause() ? current.getCause() : null;
            depth++;
        }
        return out.toString();
    }

    private static String failureType(Failure f) {
        if (f.hasApplicationFailureInfo()) {
            return f.getApplicationFailureInfo().getType().isEmpty() ? "ApplicationFailure"
                    : f.getApplicationFailureInfo().getType();
        }
        if (f.hasActivityFailureInfo()) {
            return "ActivityFailure: " + f.getActivityFailureInfo().getActivityType().getName();
        }
        if (f.hasTimeoutFailureInfo()) {
            return "Timeout " + f.getTimeoutFailureInfo().getTimeoutType().name().replace("TIMEOUT_TYPE_", "");
        }
        if (f.hasCanceledFailureInfo()) {
            return "Canceled";
        }
        if (f.hasTerminatedFailureInfo()) {
            return "Terminated";
        }
        if (f.hasChildWorkflowExecutionFailureInfo()) {
            return "ChildWorkflowFailure: " + f.getChildWorkflowExecutionFailureInfo().getWorkflowType().getName();
        }
        if (f.hasServerFailureInfo()) {
            return "ServerFailure";
        }
        return "";
    }
}
