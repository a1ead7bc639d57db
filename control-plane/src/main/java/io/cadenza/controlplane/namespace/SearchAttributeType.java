package io.cadenza.controlplane.namespace;

import io.temporal.api.enums.v1.IndexedValueType;

/** Temporal's search attribute types, by their Temporal names, with the per-namespace limits cells enforce. */
public enum SearchAttributeType {
    KEYWORD("Keyword", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, 40),
    TEXT("Text", IndexedValueType.INDEXED_VALUE_TYPE_TEXT, 5),
    INT("Int", IndexedValueType.INDEXED_VALUE_TYPE_INT, 20),
    DOUBLE("Double", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE, 20),
    BOOL("Bool", IndexedValueType.INDEXED_VALUE_TYPE_BOOL, 20),
    DATETIME("Datetime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, 20),
    KEYWORD_LIST("KeywordList", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST, 5);

    private final String temporalName;
    private final IndexedValueType indexedValueType;
    private final int maxPerNamespace;

    SearchAttributeType(String temporalName, IndexedValueType indexedValueType, int maxPerNamespace) {
        this.temporalName = temporalName;
        this.indexedValueType = indexedValueType;
        this.maxPerNamespace = maxPerNamespace;
    }

    public String temporalName() {
        return temporalName;
    }

    public IndexedValueType indexedValueType() {
        return indexedValueType;
    }

    public int maxPerNamespace() {
        return maxPerNamespace;
    }

    /** The type named {@code name} (Temporal's spelling), or null. */
    public static SearchAttributeType byName(String name) {
        for (SearchAttributeType t : values()) {
            if (t.temporalName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
