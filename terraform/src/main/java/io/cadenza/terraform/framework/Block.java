package io.cadenza.terraform.framework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of a resource, data source or the provider: attributes and single nested blocks (such as
 * {@code timeouts}). Its value is an object with one entry per attribute and block.
 */
public final class Block {
    final List<Attribute> attributes = new ArrayList<>();
    final Map<String, Block> singleBlocks = new LinkedHashMap<>();
    final String description;
    final long version;

    public Block(String description, long version, Attribute... attributes) {
        this.description = description;
        this.version = version;
        this.attributes.addAll(List.of(attributes));
    }

    /** A nested block written {@code name { ... }} at most once; its value is null when absent. */
    public Block withSingleBlock(String name, Block block) {
        singleBlocks.put(name, block);
        return this;
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public Attribute attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name.equals(name)) {
                return a;
            }
        }
        return null;
    }

    public CtyType.ObjectType objectType() {
        Map<String, CtyType> types = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            types.put(a.name, a.type);
        }
        singleBlocks.forEach((name, block) -> types.put(name, block.objectType()));
        return new CtyType.ObjectType(types);
    }

    /** An object of this schema with every attribute null: the start of an imported state. */
    public Map<String, Object> emptyValue() {
        Map<String, Object> v = new LinkedHashMap<>();
        objectType().attributes().keySet().forEach(k -> v.put(k, null));
        return v;
    }
}
