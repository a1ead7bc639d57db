package io.cadenza.terraform.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One attribute of a schema, with the plan behaviour terraform-plugin-framework users know: required / optional /
 * computed, RequiresReplace, UseStateForUnknown, a default for optional+computed attributes, validators that run
 * at validate time (so bad values fail the plan with a diagnostic on the attribute), and semantic equality (a value
 * the API spells differently, e.g. an email's letter case, does not make a diff).
 */
public final class Attribute {
    final String name;
    final CtyType type;
    String description = "";
    boolean required;
    boolean optional;
    boolean computed;
    boolean sensitive;
    boolean requiresReplace;
    boolean useStateForUnknown;
    Object defaultValue;
    BiPredicate<Object, Object> equivalent;
    final List<Function<Object, String>> validators = new ArrayList<>();

    private Attribute(String name, CtyType type) {
        this.name = name;
        this.type = type;
    }

    public static Attribute required(String name, CtyType type) {
        Attribute a = new Attribute(name, type);
        a.required = true;
        return a;
    }

    public static Attribute optional(String name, CtyType type) {
        Attribute a = new Attribute(name, type);
        a.optional = true;
        return a;
    }

    /** Set by the provider only. */
    public static Attribute computed(String name, CtyType type) {
        Attribute a = new Attribute(name, type);
        a.computed = true;
        return a;
    }

    /** Optional; when the configuration leaves it out, the provider decides (and keeps) its value. */
    public static Attribute optionalComputed(String name, CtyType type) {
        Attribute a = new Attribute(name, type);
        a.optional = true;
        a.computed = true;
        return a;
    }

    public Attribute describe(String text) {
        this.description = text;
        return this;
    }

    public Attribute sensitive() {
        this.sensitive = true;
        return this;
    }

    /** A change of this attribute destroys and re-creates the resource. */
    public Attribute requiresReplace() {
        this.requiresReplace = true;
        return this;
    }

    /** A computed value that does not change once set: plans keep the prior state's value instead of unknown. */
    public Attribute useStateForUnknown() {
        this.useStateForUnknown = true;
        return this;
    }

    /** The value planned when the configuration leaves this optional+computed attribute out. */
    public Attribute defaultValue(Object value) {
        this.defaultValue = value;
        return this;
    }

    /** Values that mean the same although they differ (prior, other) keep the prior one: no diff. */
    public Attribute equivalentWhen(BiPredicate<Object, Object> equivalent) {
        this.equivalent = equivalent;
        return this;
    }

    /** A check of a known, non-null value: returns the problem, or null when the value is fine. */
    public Attribute validate(Function<Object, String> validator) {
        validators.add(validator);
        return this;
    }

    public String name() {
        return name;
    }

    public CtyType type() {
        return type;
    }
}
