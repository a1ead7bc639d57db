package io.cadenza.terraform.framework;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A type of Terraform's type system (cty): the primitives, list/set/map of one element type, and objects. Its JSON
 * form ({@code "string"}, {@code ["set","string"]}, {@code ["object",{"a":"number"}]}) goes into schemas.
 */
public sealed interface CtyType {

    CtyType STRING = new Primitive("string");
    CtyType NUMBER = new Primitive("number");
    CtyType BOOL = new Primitive("bool");

    static CtyType list(CtyType element) {
        return new Collection("list", element);
    }

    static CtyType set(CtyType element) {
        return new Collection("set", element);
    }

    static CtyType map(CtyType element) {
        return new Collection("map", element);
    }

    static CtyType object(Map<String, CtyType> attributes) {
        return new ObjectType(new LinkedHashMap<>(attributes));
    }

    /** The type's JSON, as Terraform reads it from {@code Schema.Attribute.type}. */
    String json();

    record Primitive(String name) implements CtyType {
        @Override
        public String json() {
            return "\"" + name + "\"";
        }
    }

    /** list, set or map of one element type. */
    record Collection(String kind, CtyType element) implements CtyType {
        public Collection {
            Objects.requireNonNull(element);
        }

        @Override
        public String json() {
            return "[\"" + kind + "\"," + element.json() + "]";
        }

        public boolean isSet() {
            return kind.equals("set");
        }

        public boolean isMap() {
            return kind.equals("map");
        }
    }

    record ObjectType(Map<String, CtyType> attributes) implements CtyType {
        @Override
        public String json() {
            StringBuilder b = new StringBuilder("[\"object\",{");
            boolean first = true;
            for (var e : attributes.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append('"').append(e.getKey()).append("\":").append(e.getValue().json());
            }
            return b.append("}]").toString();
        }
    }
}
