package io.cadenza.billing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "URI reference identifying the problem type",
                example = "https://cadenza.io/problems/validation") String type,
        @Schema(description = "Short summary of the problem type", example = "Invalid request") String title,
        @Schema(description = "HTTP status code", example = "400") int status,
        @Schema(description = "What went wrong and how to fix it") String detail,
        @Schema(description = "The request path the problem occurred on") String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
