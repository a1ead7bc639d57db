package io.cadenza.dataplane.execution.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Mutable state to and from the bytes stored in {@code executions.state} (JSON of the fields only). */
public final class StateCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StateCodec() {
    }

    public static byte[] encode(MutableState state) {
        try {
            return MAPPER.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize mutable state", e);
        }
    }

    public static MutableState decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, MutableState.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stored mutable state", e);
        }
    }
}
