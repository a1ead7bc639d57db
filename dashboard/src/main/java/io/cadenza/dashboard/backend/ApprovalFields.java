package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an approver wants to see in a list, read from an approval request's free-form {@code data}: who asked for it
 * and the amount at stake. Conventions, not a schema: the first field named like a requester
 * ({@code requester}, {@code requestedBy}, {@code employee}, ...) and the first field named like an amount
 * ({@code amount}, {@code total}, {@code price}, {@code cost}, ... or ending so, e.g. {@code invoiceTotal}) with a
 * number value, with the currency of a {@code currency} field when there is one. Pure.
 */
public final class ApprovalFields {

    static final List<String> REQUESTER_KEYS = List.of("requester", "requestedby", "requested_by", "requestor",
            "submitter", "submittedby", "submitted_by", "employee", "applicant", "createdby", "created_by",
            "initiator", "customer");
    private static final Pattern AMOUNT_KEY = Pattern.compile(
            "(?i)^(.*[_a-z])?(amount|total|price|cost|sum|value|budget)$");
    private static final Pattern NUMBER = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?$");

    private ApprovalFields() {
    }

    /** The requester named in {@code data}, or null. A person object gives its display name, name or id. */
    public static String requester(JsonNode data) {
        if (data == null || !data.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (REQUESTER_KEYS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                JsonNode v = field.getValue();
                if (v.isTextual() && !v.asText().isBlank()) {
                    return v.asText();
                }
                for (String name : List.of("displayName", "name", "email", "id")) {
                    if (v.path(name).isTextual()) {
                        return v.path(name).asText();
                    }
                }
            }
        }
        return null;
    }

    /** The amount in {@code data} as an approver reads it ("1,250.00 EUR"), or null. */
    public static String amount(JsonNode data) {
        BigDecimal value = amountValue(data);
        if (value == null) {
            return null;
        }
        String currency = data.path("currency").isTextual() ? " " + data.path("currency").asText() : "";
        DecimalFormat format = new DecimalFormat(value.scale() > 0 ? "#,##0.00" : "#,##0",
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(value) + currency;
    }

    /** The amount in {@code data} as a number (for sorting), or null. */
    public static BigDecimal amountValue(JsonNode data) {
        if (data == null || !data.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!AMOUNT_KEY.matcher(field.getKey()).matches()) {
                continue;
            }
            JsonNode v = field.getValue();
            if (v.isNumber()) {
                return v.decimalValue();
            }
            if (v.isTextual() && NUMBER.matcher(v.asText().trim()).matches()) {
                return new BigDecimal(v.asText().trim());
            }
        }
        return null;
    }
}
