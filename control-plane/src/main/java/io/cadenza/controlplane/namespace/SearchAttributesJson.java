package io.cadenza.controlplane.namespace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/** Search attribute definitions as stored: a JSON object {name: Temporal type name}. */
public final class SearchAttributesJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchAttributesJson() {
    }

    public static String write(Map<String, SearchAttributeType> attributes) {
        Map<String, String> names = new TreeMap<>();
        attributes.forEach((k, v) -> names.put(k, v.temporalName()));
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, SearchAttributeType> read(String json) {
        Map<String, SearchAttributeType> result = new TreeMap<>();
        readNames(json).forEach((k, v) -> result.put(k, SearchAttributeType.byName(v)));
        return result;
    }

    public static Map<String, String> readNames(String json) {
        try {
            return json == null || json.isBlank() ? new TreeMap<>()
                    : JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt search attributes " + json, e);
        }
    }
}
