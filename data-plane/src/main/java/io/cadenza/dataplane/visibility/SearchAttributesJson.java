package io.cadenza.dataplane.visibility;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Writes {@code executions.search_attributes} in the one form {@link VisibilityQueryTranslator} reads: a JSON
 * object from attribute name to value, where
 * <ul>
 *   <li>Keyword and Text are JSON strings, KeywordList a JSON array of strings (a single string becomes a one-element
 *       array), Int a JSON integer, Double a JSON number, Bool a JSON boolean;</li>
 *   <li>Datetime is an RFC 3339 string in UTC with seconds, e.g. {@code "2026-11-25T10:00:00Z"} (any offset is
 *       converted, so every stored value compares and casts alike);</li>
 *   <li>an attribute set to null (an empty or {@code binary/null} payload) is removed, never stored as JSON null:
 *       {@code IS NULL} tests for absence.</li>
 * </ul>
 * Temporal sends each value as a {@code json/plain} {@link Payload}.
 */
public final class SearchAttributesJson {

    private SearchAttributesJson() {
    }

    /**
     * {@code current} with {@code update} applied, as StartWorkflowExecution (from {@code new JsonObject()}) and
     * UpsertWorkflowSearchAttributes (from the run's current value) need it. {@code current} is not modified.
     *
     * @param types the namespace's custom search attributes; a payload's {@code type} metadata is used for a name
     *              missing from it
     * @throws IllegalArgumentException for an attribute of unknown type, or a value that does not fit its type
     */
    public static JsonObject apply(JsonObject current, SearchAttributes update, Map<String, IndexedValueType> types) {
        JsonObject result = current.copy();
        for (Map.Entry<String, Payload> entry : update.getIndexedFieldsMap().entrySet()) {
            String name = entry.getKey();
            Object value = value(name, entry.getValue(), type(name, entry.getValue(), types));
            if (value == null) {
                result.remove(name);
            } else {
                result.put(name, value);
            }
        }
        return result;
    }

    private static IndexedValueType type(String name, Payload payload, Map<String, IndexedValueType> types) {
        IndexedValueType type = types.get(name);
        if (type != null) {
            return type;
        }
        String declared = payload.getMetadataOrDefault("type", ByteString.EMPTY).toStringUtf8();
        for (IndexedValueType candidate : IndexedValueType.values()) {
            if (candidate != IndexedValueType.UNRECOGNIZED && declared.equals(Attribute.typeName(candidate))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("search attribute " + name + " is not defined");
    }

    /** The JSON value to store, or {@code null} to remove the attribute. */
    private static Object value(String name, Payload payload, IndexedValueType type) {
        String encoding = payload.getMetadataOrDefault("encoding", ByteString.EMPTY).toStringUtf8();
        if (payload.getData().isEmpty() || encoding.equals("binary/null")) {
            return null;
        }
        if (!encoding.equals("json/plain")) {
            throw new IllegalArgumentException("search attribute " + name + ": unsupported payload encoding '"
                    + encoding + "'");
        }
        Object json;
        try {
            json = Json.decodeValue(Buffer.buffer(payload.getData().toByteArray()));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("search attribute " + name + ": payload is not JSON", e);
        }
        if (json == null) {
            return null;
        }
        Object value = convert(json, type);
        if (value == null) {
            throw new IllegalArgumentException("invalid value for search attribute " + name + " of type "
                    + Attribute.typeName(type) + ": " + json);
        }
        return value;
    }

    /** The stored form of {@code json} for {@code type}, or {@code null} when it does not fit. */
    private static Object convert(Object json, IndexedValueType type) {
        switch (type) {
            case INDEXED_VALUE_TYPE_KEYWORD:
            case INDEXED_VALUE_TYPE_TEXT:
                return json instanceof String ? json : null;
            case INDEXED_VALUE_TYPE_KEYWORD_LIST:
                if (json instanceof String) {
                    return new JsonArray().add(json);
                }
                if (json instanceof JsonArray array && array.stream().allMatch(String.class::isInstance)) {
                    return array.copy();
                }
                return null;
            case INDEXED_VALUE_TYPE_INT:
                return json instanceof Number number ? integer(number) : null;
            case INDEXED_VALUE_TYPE_DOUBLE:
                return json instanceof Number number ? number.doubleValue() : null;
            case INDEXED_VALUE_TYPE_BOOL:
                return json instanceof Boolean ? json : null;
            case INDEXED_VALUE_TYPE_DATETIME:
                return json instanceof String s ? utc(s) : null;
            default:
                return null;
        }
    }

    /** An integral number as a long; fractions and values beyond 64 bits do not fit an Int attribute. */
    private static Long integer(Number number) {
        try {
            BigDecimal exact = number instanceof BigInteger big
                    ? new BigDecimal(big) : new BigDecimal(number.toString());
            return exact.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static String utc(String rfc3339) {
        try {
            return DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.parse(rfc3339).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
