package io.cadenza.terraform.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The planning rules Terraform expects of a provider, as terraform-plugin-framework applies them:
 * <ul>
 *   <li>the plan starts from Terraform's proposed new state (configuration, with prior values for computed
 *   attributes the configuration leaves out);</li>
 *   <li>an optional+computed attribute left out gets its default, if it has one;</li>
 *   <li>a value equivalent to the prior one (semantic equality) keeps the prior spelling;</li>
 *   <li>on create, and on update when anything changes, computed attributes the configuration leaves out become
 *   unknown, except UseStateForUnknown ones on update, which keep their prior value;</li>
 *   <li>a RequiresReplace attribute whose planned value differs from the prior one (or is unknown) is reported in
 *   requires_replace, and Terraform plans a replacement.</li>
 * </ul>
 * Validation (attribute validators) and the normalisation of read results against the prior state live here too,
 * so that resources never produce "inconsistent result" errors from empty-vs-null or re-spelled values.
 */
public final class Planner {
    private Planner() {
    }

    public record Plan(Map<String, Object> planned, List<String> requiresReplace) {
    }

    public static Plan plan(Block schema, Map<String, Object> prior, Map<String, Object> proposed,
                            Map<String, Object> config) {
        if (proposed == null) {
            return new Plan(null, List.of()); // destroy
        }
        boolean create = prior == null;
        Map<String, Object> planned = Values.copy(proposed);
        for (Attribute a : schema.attributes) {
            Object configured = config == null ? null : config.get(a.name);
            if (a.computed && configured == null && a.defaultValue != null) {
                planned.put(a.name, a.defaultValue);
            }
            if (!create && a.equivalent != null && configured != null && !Values.containsUnknown(configured)
                    && prior.get(a.name) != null && a.equivalent.test(prior.get(a.name), configured)) {
                planned.put(a.name, prior.get(a.name));
            }
        }
        boolean changed = create || !Objects.equals(planned, prior);
        if (changed) {
            for (Attribute a : schema.attributes) {
                Object configured = config == null ? null : config.get(a.name);
                if (!a.computed || configured != null || a.defaultValue != null) {
                    continue;
                }
                if (create || !a.useStateForUnknown || prior.get(a.name) == null) {
                    planned.put(a.name, Unknown.VALUE);
                }
            }
        }
        List<String> replace = new ArrayList<>();
        if (!create) {
            for (Attribute a : schema.attributes) {
                if (!a.requiresReplace) {
                    continue;
                }
                Object value = planned.get(a.name);
                if (a.computed && (config == null || config.get(a.name) == null)) {
                    continue; // left to the provider: it keeps what it chose
                }
                if (Unknown.is(value) || !Objects.equals(value, prior.get(a.name))) {
                    replace.add(a.name);
                }
            }
        }
        return new Plan(planned, replace);
    }

    /** Runs the attributes' validators on the known values of a configuration. */
    public static void validate(Block schema, Map<String, Object> config, Diagnostics diagnostics) {
        if (config == null) {
            return;
        }
        for (Attribute a : schema.attributes) {
            Object value = config.get(a.name);
            if (value == null || Values.containsUnknown(value)) {
                continue;
            }
            for (var validator : a.validators) {
                String problem = validator.apply(value);
                if (problem != null) {
                    diagnostics.attributeError(a.name, "Invalid value for " + a.name, problem);
                }
            }
        }
    }

    /**
     * Aligns a state read from the API with the prior state: equivalent values and empty-vs-null keep the prior
     * form, and nested blocks (which the API knows nothing of, like timeouts) keep their prior value.
     */
    public static Map<String, Object> alignWithPrior(Block schema, Map<String, Object> prior,
                                                     Map<String, Object> fresh) {
        if (fresh == null || prior == null) {
            return fresh;
        }
        Map<String, Object> aligned = Values.copy(fresh);
        for (Attribute a : schema.attributes) {
            Object was = prior.get(a.name);
            Object now = aligned.get(a.name);
            if (was == null && Values.isEmpty(now) || Values.isEmpty(was) && now == null) {
                aligned.put(a.name, was);
            } else if (a.equivalent != null && was != null && now != null && !Unknown.is(was)
                    && a.equivalent.test(was, now)) {
                aligned.put(a.name, was);
            }
        }
        schema.singleBlocks.keySet().forEach(name -> aligned.put(name, prior.get(name)));
        return aligned;
    }

    /**
     * After apply, every value the plan knew must come back unchanged (Terraform refuses anything else), so the
     * known planned values win over what the API echoed.
     */
    public static Map<String, Object> keepPlannedKnowns(Block schema, Map<String, Object> planned,
                                                        Map<String, Object> applied) {
        Map<String, Object> result = Values.copy(applied);
        for (var e : planned.entrySet()) {
            if (!Values.containsUnknown(e.getValue())) {
                result.put(e.getKey(), e.getValue());
            }
        }
        for (Attribute a : schema.attributes) {
            if (Unknown.is(result.get(a.name))) {
                result.put(a.name, null); // never hand Terraform an unknown after apply
            }
        }
        return result;
    }
}
