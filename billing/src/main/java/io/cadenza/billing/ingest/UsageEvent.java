package io.cadenza.billing.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.billing.pricing.UsageType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** One usage event as docs/usage-events.md defines it. {@code action} is "" for storage. */
public record UsageEvent(String id, String namespaceId, String cellId, UsageType type, String action, long quantity,
                         Instant occurredAt) {

    /** The event is not ingestible; {@code getMessage()} says why. */
    public static final class Invalid extends Exception {
        public Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    static final int MAX_ID_LENGTH = 1024;

    /** Parses and validates one record value; unknown fields are ignored so producers can add some. */
    public static UsageEvent parse(ObjectMapper json, String value) throws Invalid {
        if (value == null || value.isBlank()) {
            throw new Invalid("empty record value");
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (Exception e) {
            throw new Invalid("not JSON: " + e.getMessage());
        }
        if (!node.isObject()) {
            throw new Invalid("not a JSON object");
        }
        String id = text(node, "id");
        if (id.length() > MAX_ID_LENGTH) {
            throw new Invalid("id longer than " + MAX_ID_LENGTH + " characters");
        }
        String namespaceId = text(node, "namespaceId");
        UsageType type = UsageType.parse(text(node, "type"));
        if (type == null) {
            throw new Invalid("type must be ACTIONS, ACTIVE_STORAGE or RETAINED_STORAGE (got '"
                    + node.get("type").asText() + "')");
        }
        String action = "";
        if (type == UsageType.ACTIONS) {
            action = text(node, "action");
        }
        JsonNode q = node.get("quantity");
        if (q == null || !q.canConvertToLong() || !q.isIntegralNumber()) {
            throw new Invalid("quantity must be an integer");
        }
        long quantity = q.asLong();
        if (type == UsageType.ACTIONS ? quantity < 1 : quantity < 0) {
            throw new Invalid("quantity must be >= 1 for actions and >= 0 for storage (got " + quantity + ")");
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(text(node, "occurredAt"));
        } catch (DateTimeParseException e) {
            throw new Invalid("occurredAt is not an RFC 3339 UTC timestamp ('" + node.get("occurredAt").asText()
                    + "')");
        }
        String cellId = node.hasNonNull("cellId") ? node.get("cellId").asText() : "";
        return new UsageEvent(id, namespaceId, cellId, type, action, quantity, occurredAt);
    }

    private static String text(JsonNode node, String field) throws Invalid {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new Invalid(field + " is required (a non-empty string)");
        }
        return v.asText();
    }
}
