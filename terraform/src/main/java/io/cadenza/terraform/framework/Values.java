package io.cadenza.terraform.framework;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.cadenza.terraform.protocol.tfplugin6.Tfplugin6;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/** DynamicValue to Java values and back, and the value helpers the planning rules need. */
public final class Values {
    static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /** Terraform sends msgpack; JSON is accepted too (state upgrades carry JSON). An empty value is null. */
    public static Object decode(CtyType type, Tfplugin6.DynamicValue value) {
        if (!value.getMsgpack().isEmpty()) {
            return MsgPack.decode(type, value.getMsgpack().toByteArray());
        }
        if (!value.getJson().isEmpty()) {
            return fromJson(type, value.getJson().toByteArray());
        }
        return null;
    }

    public static Tfplugin6.DynamicValue encode(CtyType type, Object value) {
        return Tfplugin6.DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(MsgPack.encode(type, value)))
                .build();
    }

    public static Object fromJson(CtyType type, byte[] json) {
        try {
            return fromJson(type, JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("value is not valid JSON: " + e.getMessage(), e);
        }
    }

    static Object fromJson(CtyType type, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type instanceof CtyType.Primitive p) {
            return switch (p.name()) {
                case "string" -> node.asText();
                case "bool" -> node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(node.asText());
                default -> MsgPack.number(node.isNumber() ? node.decimalValue()
                        : new java.math.BigDecimal(node.asText()));
            };
        }
        if (type instanceof CtyType.Collection c) {
            if (c.isMap()) {
                Map<String, Object> m = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> m.put(e.getKey(), fromJson(c.element(), e.getValue())));
                return m;
            }
            Collection<Object> items = c.isSet() ? new LinkedHashSet<>() : new ArrayList<>();
            node.forEach(item -> items.add(fromJson(c.element(), item)));
            return items;
        }
        CtyType.ObjectType o = (CtyType.ObjectType) type;
        Map<String, Object> m = new LinkedHashMap<>();
        o.attributes().forEach((name, t) -> m.put(name, fromJson(t, node.get(name))));
        return m;
    }

    /** True when the value or anything inside it is unknown. */
    public static boolean containsUnknown(Object value) {
        if (Unknown.is(value)) {
            return true;
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Values::containsUnknown);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().anyMatch(Values::containsUnknown);
        }
        return false;
    }

    /** Empty string, list, set or map: what an API often returns where the configuration had nothing. */
    public static boolean isEmpty(Object value) {
        return value instanceof String s && s.isEmpty()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    public static Map<String, Object> copy(Map<String, Object> value) {
        return value == null ? null : new LinkedHashMap<>(value);
    }
}
