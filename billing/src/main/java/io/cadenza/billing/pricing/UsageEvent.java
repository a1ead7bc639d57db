package io.cadenza.billing.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The events of one record value: a JSON array of events (what cells publish), or a single event object (an
     * earlier producer's form). Each element is validated on its own, so one bad event does not reject the others.
     */
    public static List<Element> parseRecord(ObjectMapper json, String value) throws Invalid {
        if (value == null || value.isBlank()) {
            throw new Invalid("empty record value");
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (Exception e) {
            throw new Invalid("not JSON: " + e.getMessage());
        }
        if (!node.isArray()) {
            return List.of(element(node, value));
        }
        List<Element> out = new ArrayList<>(node.size());
        for (JsonNode e : node) {
            out.add(element(e, e.toString()));
        }
        return out;
    }

    /** One element of a record: its event, or why it is not one; {@code text} is its JSON. */
    public record Element(UsageEvent event, String invalid, String text) {
    }

    private static Element element(JsonNode node, String text) {
        try {
            return new Element(parse(node), null, text);
        } catch (Invalid e) {
            return new Element(null, e.getMessage(), text);
        }
    }

    /** Parses and validates one event; unknown fields are ignored so producers can add some. */
    public static UsageEvent parse(ObjectMapper json, String value) throws Invalid {
        if (value == null || value.isBlank()) {
            throw new Invalid("empty record value");
        }
        try {
            return parse(json.readTree(value));
        } catch (Invalid e) {
            throw e;
        } catch (Exception e) {
            throw new Invalid("not JSON: " + e.getMessage());
        }
    }

    static UsageEvent parse(JsonNode node) throws Invalid {
        if (node == null || !node.isObject()) {
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
