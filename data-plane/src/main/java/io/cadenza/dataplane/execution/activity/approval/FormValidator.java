package io.cadenza.dataplane.execution.activity.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a completion against its request: the outcome must be one offered, and form values must match the form
 * (required fields present, values of the field's type, no fields the form does not have). Pure.
 */
public final class FormValidator {

    /** One problem with one input, reported to the caller as {@code errors[]} of the problem document. */
    public record FieldError(String field, String message) {
    }

    /** The outcome's errors (empty when valid) and the normalized form values to put into the result. */
    public record Checked(List<FieldError> errors, ObjectNode formValues) {
    }

    private FormValidator() {
    }

    public static Checked check(ApprovalSpec spec, String outcome, JsonNode formValues) {
        List<FieldError> errors = new ArrayList<>();
        if (outcome == null || outcome.isBlank()) {
            errors.add(new FieldError("outcome", "is required; one of " + spec.outcomes()));
        } else if (!spec.outcomes().contains(outcome)) {
            errors.add(new FieldError("outcome", "'" + outcome + "' is not offered; one of " + spec.outcomes()));
        }
        ObjectNode normalized = JsonNodeFactory.instance.objectNode();
        if (formValues != null && !formValues.isNull() && !formValues.isObject()) {
            errors.add(new FieldError("formValues", "must be an object of field name to value"));
            return new Checked(errors, normalized);
        }
        for (FormFieldSpec f : spec.form()) {
            JsonNode v = formValues == null ? null : formValues.get(f.name());
            String field = "formValues." + f.name();
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                if (f.required()) {
                    errors.add(new FieldError(field, "is required"));
                }
                continue;
            }
            String problem = typeProblem(f, v);
            if (problem != null) {
                errors.add(new FieldError(field, problem));
            } else {
                normalized.set(f.name(), normalize(f, v));
            }
        }
        if (formValues != null && formValues.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = formValues.fields(); it.hasNext(); ) {
                String name = it.next().getKey();
                if (spec.form().stream().noneMatch(f -> f.name().equals(name))) {
                    errors.add(new FieldError("formValues." + name, "is not a field of this form"));
                }
            }
        }
        return new Checked(errors, normalized);
    }

    private static String typeProblem(FormFieldSpec f, JsonNode v) {
        return switch (f.type()) {
            case TEXT, TEXTAREA -> v.isTextual() ? null : "must be a string";
            case NUMBER -> v.isNumber() ? null : "must be a number";
            case MONEY -> decimal(v) != null ? null : "must be a decimal amount (a number or a string like \"12.50\")";
            case DATE -> {
                try {
                    LocalDate.parse(v.asText());
                    yield v.isTextual() ? null : "must be an ISO-8601 date such as 2026-12-31";
                } catch (DateTimeParseException e) {
                    yield "must be an ISO-8601 date such as 2026-12-31";
                }
            }
            case CHOICE -> v.isTextual() && f.choices().contains(v.asText()) ? null
                    : "must be one of " + f.choices();
        };
    }

    private static JsonNode normalize(FormFieldSpec f, JsonNode v) {
        if (f.type() == FormFieldSpec.Type.MONEY) {
            // Exact decimal as a string: no binary floating point on money.
            return JsonNodeFactory.instance.textNode(decimal(v).toPlainString());
        }
        return v;
    }

    private static BigDecimal decimal(JsonNode v) {
        try {
            if (v.isNumber()) {
                return v.decimalValue();
            }
            return v.isTextual() ? new BigDecimal(v.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
