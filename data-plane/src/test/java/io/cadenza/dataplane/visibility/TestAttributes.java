package io.cadenza.dataplane.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;

/** The custom search attributes the visibility tests register: one of each type, and a name that needs backquotes. */
final class TestAttributes {

    static final Map<String, IndexedValueType> CUSTOM = Map.of(
            "CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            "Description", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
            "Priority", IndexedValueType.INDEXED_VALUE_TYPE_INT,
            "Score", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
            "Vip", IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
            "DueAt", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
            "Tags", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
            "Custom Name", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            "Order", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

    private TestAttributes() {
    }

    static SqlFilter list(String query) {
        return VisibilityQueryTranslator.forList(query, CUSTOM, 2);
    }

    static SqlFilter count(String query) {
        return VisibilityQueryTranslator.forCount(query, CUSTOM, 2);
    }
}
