package io.cadenza.approvals;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * The decision a person made: the result of the {@code Approval} activity. {@code completedAt} is the ISO-8601
 * instant the server recorded; {@code formValues} holds the validated form input (numbers as JSON numbers, money,
 * dates and text as strings).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalResult(String outcome, String comment, Map<String, Object> formValues, String completedBy,
                             String completedAt) {

    public ApprovalResult {
        formValues = formValues == null ? Map.of() : formValues;
        comment = comment == null ? "" : comment;
    }

    /** Whether the outcome is {@code approve} (the default positive outcome). */
    public boolean isApproved() {
        return "approve".equals(outcome);
    }

    public Instant completedAtInstant() {
        return completedAt == null ? null : Instant.parse(completedAt);
    }
}
