package io.cadenza.terraform.framework;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MsgPackTest {
    private static final CtyType ACCESS = CtyType.object(Map.of("namespace_id", CtyType.STRING,
            "permission", CtyType.STRING));
    private static final CtyType.ObjectType RESOURCE = (CtyType.ObjectType) CtyType.object(linked(
            "id", CtyType.STRING,
            "retention", CtyType.NUMBER,
            "protected", CtyType.BOOL,
            "accesses", CtyType.set(ACCESS),
            "groups", CtyType.set(CtyType.STRING),
            "tags", CtyType.map(CtyType.STRING),
            "nested", CtyType.list(CtyType.object(Map.of("inner", CtyType.set(CtyType.set(CtyType.NUMBER)))))));

    @Test
    void roundTripsNestedSetsObjectsNullsAndUnknowns() {
        // given a value with nested sets of objects, a null, an unknown inside a set and a set of sets
        Map<String, Object> value = linked(
                "id", null,
                "retention", 30L,
                "protected", Unknown.VALUE,
                "accesses", Set.of(access("orders.a1", "write"), access("billing.a1", "read")),
                "groups", MsgPack.setOf(List.of("managers", Unknown.VALUE)),
                "tags", Map.of("team", "payments"),
                "nested", List.of(Map.of("inner", Set.of(Set.of(1L, 2L), Set.of()))));
        // when it is encoded and decoded
        Object back = MsgPack.decode(RESOURCE, MsgPack.encode(RESOURCE, value));
        // then it is the same value (sets compare without order)
        assertThat(back).isEqualTo(value);
        assertThat(Values.object(back).get("protected")).isSameAs(Unknown.VALUE);
        assertThat(Values.object(back)).containsEntry("id", null);
    }

    @Test
    void setsDifferingOnlyInOrderAreEqual() {
        CtyType type = CtyType.set(ACCESS);
        List<Object> ab = new ArrayList<>(List.of(access("a", "read"), access("b", "write")));
        List<Object> ba = new ArrayList<>(List.of(access("b", "write"), access("a", "read")));
        assertThat(MsgPack.decode(type, MsgPack.encode(type, MsgPack.setOf(ab))))
                .isEqualTo(MsgPack.decode(type, MsgPack.encode(type, MsgPack.setOf(ba))));
    }

    @Test
    void unknownIsExtensionZeroAndAnyExtensionReadsAsUnknown() {
        assertThat(HexFormat.of().formatHex(MsgPack.encode(CtyType.STRING, Unknown.VALUE))).isEqualTo("d40000");
        assertThat(HexFormat.of().formatHex(MsgPack.encode(CtyType.STRING, null))).isEqualTo("c0");
        // a refined unknown (code 12) with a payload, as newer Terraform sends for e.g. "not null" unknowns
        byte[] refined = HexFormat.of().parseHex("c7030c81" + "01c3");
        assertThat(MsgPack.decode(CtyType.STRING, refined)).isSameAs(Unknown.VALUE);
        byte[] fixext = HexFormat.of().parseHex("d50c0102");
        assertThat(MsgPack.decode(CtyType.NUMBER, fixext)).isSameAs(Unknown.VALUE);
    }

    @Test
    void readsTheIntegerFloatAndStringFormsOfNumbers() {
        assertThat(MsgPack.decode(CtyType.NUMBER, HexFormat.of().parseHex("07"))).isEqualTo(7L);
        assertThat(MsgPack.decode(CtyType.NUMBER, HexFormat.of().parseHex("ff"))).isEqualTo(-1L);
        assertThat(MsgPack.decode(CtyType.NUMBER, HexFormat.of().parseHex("cd0100"))).isEqualTo(256L);
        assertThat(MsgPack.decode(CtyType.NUMBER, MsgPack.encode(CtyType.NUMBER, new BigDecimal("1.5"))))
                .isEqualTo(new BigDecimal("1.5"));
        // 30.0 as a float64 is the number 30
        assertThat(MsgPack.decode(CtyType.NUMBER, HexFormat.of().parseHex("cb403e000000000000"))).isEqualTo(30L);
        // a decimal no float64 holds exactly travels as a string
        BigDecimal precise = new BigDecimal("0.1000000000000000000001");
        assertThat(MsgPack.decode(CtyType.NUMBER, MsgPack.encode(CtyType.NUMBER, precise))).isEqualTo(precise);
        assertThat(MsgPack.decode(CtyType.NUMBER, HexFormat.of().parseHex("a3313233"))).isEqualTo(123L);
    }

    @Test
    void objectsSkipAttributesTheSchemaDoesNotKnowAndFillMissingOnesWithNull() {
        CtyType.ObjectType type = (CtyType.ObjectType) CtyType.object(linked("a", CtyType.STRING,
                "b", CtyType.NUMBER));
        // {"old": [1, {"x": true}], "a": "v"}
        byte[] bytes = HexFormat.of().parseHex("82" + "a36f6c64" + "9201" + "81a178c3" + "a161" + "a176");
        assertThat(MsgPack.decode(type, bytes)).isEqualTo(linked("a", "v", "b", null));
    }

    @Test
    void objectsEncodeEveryAttributeInSchemaOrder() {
        CtyType.ObjectType type = (CtyType.ObjectType) CtyType.object(linked("a", CtyType.STRING,
                "b", CtyType.BOOL));
        assertThat(HexFormat.of().formatHex(MsgPack.encode(type, Map.of("b", true))))
                .isEqualTo("82" + "a161" + "c0" + "a162" + "c3");
    }

    @Test
    void longStringsAndCollectionsUseTheWiderHeaders() {
        String s = "x".repeat(300);
        assertThat(MsgPack.decode(CtyType.STRING, MsgPack.encode(CtyType.STRING, s))).isEqualTo(s);
        List<Object> many = new ArrayList<>();
        for (long i = 0; i < 70_000; i++) {
            many.add(i);
        }
        CtyType list = CtyType.list(CtyType.NUMBER);
        assertThat(MsgPack.decode(list, MsgPack.encode(list, many))).isEqualTo(many);
    }

    @Test
    void refusesTruncatedAndMistypedInput() {
        assertThatThrownBy(() -> MsgPack.decode(CtyType.STRING, HexFormat.of().parseHex("a5616263")))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> MsgPack.decode(CtyType.BOOL, HexFormat.of().parseHex("a161")))
                .hasMessageContaining("bool");
        assertThatThrownBy(() -> MsgPack.decode(CtyType.STRING, HexFormat.of().parseHex("c0c0")))
                .hasMessageContaining("trailing");
    }

    @Test
    void typesHaveTerraformsJsonForm() {
        assertThat(CtyType.set(CtyType.STRING).json()).isEqualTo("[\"set\",\"string\"]");
        assertThat(CtyType.map(CtyType.NUMBER).json()).isEqualTo("[\"map\",\"number\"]");
        assertThat(CtyType.object(linked("a", CtyType.BOOL, "b", CtyType.list(CtyType.STRING))).json())
                .isEqualTo("[\"object\",{\"a\":\"bool\",\"b\":[\"list\",\"string\"]}]");
    }

    @Test
    void jsonValuesDecodeWithTheSchema() {
        Object v = Values.fromJson(RESOURCE, ("{\"id\":\"x\",\"retention\":7,\"protected\":null,"
                + "\"accesses\":[{\"namespace_id\":\"n\",\"permission\":\"read\"}],\"groups\":[],"
                + "\"tags\":{\"k\":\"v\"},\"gone\":1}").getBytes());
        assertThat(Values.object(v)).containsEntry("id", "x").containsEntry("retention", 7L)
                .containsEntry("protected", null).containsEntry("groups", Set.of())
                .containsEntry("accesses", Set.of(access("n", "read"))).containsEntry("nested", null)
                .doesNotContainKey("gone");
    }

    private static Map<String, Object> access(String ns, String permission) {
        return linked("namespace_id", ns, "permission", permission);
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> linked(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (V) kv[i + 1]);
        }
        return m;
    }
}
