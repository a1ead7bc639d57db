package io.cadenza.dataplane.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The stored form of each search attribute type, from the payloads Temporal SDKs send. */
class SearchAttributesJsonTest {

    static Payload json(String json) {
        return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(json)).build();
    }

    static SearchAttributes attributes(Object... nameAndPayload) {
        SearchAttributes.Builder builder = SearchAttributes.newBuilder();
        for (int i = 0; i < nameAndPayload.length; i += 2) {
            builder.putIndexedFields((String) nameAndPayload[i], (Payload) nameAndPayload[i + 1]);
        }
        return builder.build();
    }

    @Test
    void eachTypeIsStoredInItsCanonicalJsonForm() {
        JsonObject stored = SearchAttributesJson.apply(new JsonObject(), attributes(
                "CustomerId", json("\"c-1\""),
                "Description", json("\"Rush order\""),
                "Priority", json("3"),
                "Score", json("2"),
                "Vip", json("true"),
                "DueAt", json("\"2026-11-25T12:00:00.5+02:00\""),
                "Tags", json("[\"vip\",\"eu\"]"),
                "Custom Name", json("\"x\"")), TestAttributes.CUSTOM);
        assertThat(stored).isEqualTo(new JsonObject()
                .put("CustomerId", "c-1").put("Description", "Rush order").put("Priority", 3L).put("Score", 2.0)
                .put("Vip", true).put("DueAt", "2026-11-25T10:00:00.500Z")
                .put("Tags", new JsonArray().add("vip").add("eu")).put("Custom Name", "x"));
    }

    @Test
    void aSingleKeywordForAKeywordListBecomesAOneElementList() {
        JsonObject stored = SearchAttributesJson.apply(new JsonObject(), attributes("Tags", json("\"vip\"")),
                TestAttributes.CUSTOM);
        assertThat(stored.getJsonArray("Tags")).isEqualTo(new JsonArray().add("vip"));
    }

    @Test
    void anUpsertReplacesValuesAndANullRemovesThem() {
        JsonObject current = new JsonObject().put("CustomerId", "c-1").put("Priority", 1L);
        Payload empty = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/null")).build();
        JsonObject next = SearchAttributesJson.apply(current, attributes("CustomerId", empty, "Priority", json("2"),
                "Vip", json("null")), TestAttributes.CUSTOM);
        assertThat(next).isEqualTo(new JsonObject().put("Priority", 2L));
        assertThat(current.getLong("Priority")).isEqualTo(1L);
    }

    @Test
    void theTypeMayComeFromThePayloadMetadata() {
        Payload typed = json("\"2026-11-25T10:00:00Z\"").toBuilder()
                .putMetadata("type", ByteString.copyFromUtf8("Datetime")).build();
        assertThat(SearchAttributesJson.apply(new JsonObject(), attributes("Unregistered", typed),
                TestAttributes.CUSTOM).getString("Unregistered")).isEqualTo("2026-11-25T10:00:00Z");
        assertThatThrownBy(() -> SearchAttributesJson.apply(new JsonObject(), attributes("Nope", json("1")),
                TestAttributes.CUSTOM)).hasMessage("search attribute Nope is not defined");
    }

    @Test
    void valuesThatDoNotFitTheirTypeAreRefused() {
        for (Object[] bad : new Object[][] {
                {"Priority", "1.5"}, {"Priority", "\"3\""}, {"Priority", "99999999999999999999"}, {"Vip", "1"},
                {"DueAt", "\"yesterday\""}, {"Tags", "[1, 2]"}, {"CustomerId", "42"}, {"Score", "\"x\""}}) {
            assertThatThrownBy(() -> SearchAttributesJson.apply(new JsonObject(),
                    attributes(bad[0], json((String) bad[1])), TestAttributes.CUSTOM))
                    .as("%s = %s", bad[0], bad[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid value for search attribute " + bad[0]);
        }
        Payload binary = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/plain"))
                .setData(ByteString.copyFromUtf8("x")).build();
        assertThatThrownBy(() -> SearchAttributesJson.apply(new JsonObject(), attributes("CustomerId", binary),
                TestAttributes.CUSTOM)).hasMessageContaining("unsupported payload encoding 'binary/plain'");
    }
}
