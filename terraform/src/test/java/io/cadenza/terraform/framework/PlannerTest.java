package io.cadenza.terraform.framework;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cadenza.terraform.framework.MsgPackTest.linked;
import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {
    private final Block schema = new Block("test", 0,
            Attribute.computed("id", CtyType.STRING).useStateForUnknown(),
            Attribute.required("name", CtyType.STRING).requiresReplace(),
            Attribute.required("retention", CtyType.NUMBER).validate(v -> (Long) v >= 1 ? null : "at least 1"),
            Attribute.required("email", CtyType.STRING)
                    .equivalentWhen((a, b) -> ((String) a).equalsIgnoreCase((String) b)),
            Attribute.optionalComputed("protected", CtyType.BOOL).defaultValue(false),
            Attribute.optionalComputed("cell", CtyType.STRING).requiresReplace().useStateForUnknown(),
            Attribute.computed("state", CtyType.STRING),
            Attribute.optional("groups", CtyType.set(CtyType.STRING)))
            .withSingleBlock("timeouts", new Block("t", 0, Attribute.optional("create", CtyType.STRING)));

    private Map<String, Object> config(String name, long retention, String email) {
        return linked("id", null, "name", name, "retention", retention, "email", email, "protected", null,
                "cell", null, "state", null, "groups", null, "timeouts", null);
    }

    private final Map<String, Object> prior = linked("id", "orders.a1", "name", "orders", "retention", 7L,
            "email", "Ann@Example.com", "protected", false, "cell", "cell-1", "state", "active", "groups", null,
            "timeouts", null);

    /** Terraform's proposed new state: the configuration, with prior values where computed attributes are null. */
    private Map<String, Object> proposed(Map<String, Object> config, Map<String, Object> prior) {
        Map<String, Object> p = Values.copy(config);
        if (prior != null) {
            for (String computed : List.of("id", "protected", "cell", "state")) {
                if (config.get(computed) == null) {
                    p.put(computed, prior.get(computed));
                }
            }
        }
        return p;
    }

    @Test
    void createMarksComputedValuesUnknownAndAppliesDefaults() {
        Map<String, Object> config = config("orders", 7, "ann@example.com");
        Planner.Plan plan = Planner.plan(schema, null, proposed(config, null), config);
        assertThat(plan.planned()).containsEntry("id", Unknown.VALUE).containsEntry("cell", Unknown.VALUE)
                .containsEntry("state", Unknown.VALUE).containsEntry("protected", false)
                .containsEntry("name", "orders");
        assertThat(plan.requiresReplace()).isEmpty();
    }

    @Test
    void noChangeKeepsThePriorStateExactly() {
        Map<String, Object> config = config("orders", 7, "ann@example.com"); // email differs only in case
        Planner.Plan plan = Planner.plan(schema, prior, proposed(config, prior), config);
        assertThat(plan.planned()).isEqualTo(prior);
        assertThat(plan.requiresReplace()).isEmpty();
    }

    @Test
    void anInPlaceChangeKeepsUseStateForUnknownValuesAndRecomputesTheRest() {
        Map<String, Object> config = config("orders", 30, "ann@example.com");
        Planner.Plan plan = Planner.plan(schema, prior, proposed(config, prior), config);
        assertThat(plan.planned()).containsEntry("retention", 30L).containsEntry("id", "orders.a1")
                .containsEntry("cell", "cell-1").containsEntry("state", Unknown.VALUE)
                .containsEntry("email", "Ann@Example.com");
        assertThat(plan.requiresReplace()).isEmpty();
    }

    @Test
    void aRequiresReplaceChangeIsReported() {
        Map<String, Object> config = config("payments", 7, "ann@example.com");
        Planner.Plan plan = Planner.plan(schema, prior, proposed(config, prior), config);
        assertThat(plan.requiresReplace()).containsExactly("name");
    }

    @Test
    void anUnknownRequiresReplaceValueIsAReplacement() {
        Map<String, Object> config = config("orders", 7, "ann@example.com");
        config.put("name", Unknown.VALUE);
        Planner.Plan plan = Planner.plan(schema, prior, proposed(config, prior), config);
        assertThat(plan.requiresReplace()).containsExactly("name");
    }

    @Test
    void anOptionalComputedReplaceAttributeLeftOutKeepsWhatTheProviderChose() {
        Map<String, Object> config = config("orders", 7, "ann@example.com");
        Planner.Plan plan = Planner.plan(schema, prior, proposed(config, prior), config);
        assertThat(plan.planned()).containsEntry("cell", "cell-1");
        config.put("cell", "cell-2");
        plan = Planner.plan(schema, prior, proposed(config, prior), config);
        assertThat(plan.requiresReplace()).containsExactly("cell");
    }

    @Test
    void destroyPlansNull() {
        assertThat(Planner.plan(schema, prior, null, null).planned()).isNull();
    }

    @Test
    void validatorsReportOnTheAttributeAndSkipUnknowns() {
        Diagnostics d = new Diagnostics();
        Planner.validate(schema, config("orders", 0, "a@b"), d);
        assertThat(d.all()).hasSize(1);
        assertThat(d.all().get(0).getAttribute().getSteps(0).getAttributeName()).isEqualTo("retention");
        assertThat(d.all().get(0).getDetail()).isEqualTo("at least 1");
        Diagnostics none = new Diagnostics();
        Map<String, Object> unknown = config("orders", 1, "a@b");
        unknown.put("retention", Unknown.VALUE);
        Planner.validate(schema, unknown, none);
        assertThat(none.hasErrors()).isFalse();
    }

    @Test
    void readKeepsThePriorFormOfEmptyAndEquivalentValuesAndOfBlocks() {
        Map<String, Object> withTimeouts = Values.copy(prior);
        withTimeouts.put("timeouts", linked("create", "20m"));
        Map<String, Object> fresh = Values.copy(prior);
        fresh.put("groups", Set.of());            // the API says [] where the configuration had nothing
        fresh.put("email", "ann@example.com");     // and spells the email in lower case
        Map<String, Object> aligned = Planner.alignWithPrior(schema, withTimeouts, fresh);
        assertThat(aligned).isEqualTo(withTimeouts);
        fresh.put("retention", 9L);                // a real change made out of band stays visible
        assertThat(Planner.alignWithPrior(schema, withTimeouts, fresh)).containsEntry("retention", 9L);
    }

    @Test
    void applyResultKeepsEveryKnownPlannedValueAndResolvesUnknowns() {
        Map<String, Object> planned = Values.copy(prior);
        planned.put("state", Unknown.VALUE);
        Map<String, Object> applied = Values.copy(prior);
        applied.put("email", "ann@example.com");
        applied.put("state", null);
        Map<String, Object> result = Planner.keepPlannedKnowns(schema, planned, applied);
        assertThat(result).containsEntry("email", "Ann@Example.com").containsEntry("state", null);
    }
}
