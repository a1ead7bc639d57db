package io.cadenza.controlplane.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** Builds problem JSON responses. */
public final class Problems {
    public static final String TYPE_BASE = "https://cadenza.io/problems/";

    private Problems() {
    }

    public static Response response(int status, String kind, String title, String detail, String instance,
                                    List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + kind, title, status, detail, instance, errors))
                .build();
    }

    public static Response of(ProblemException e, String instance) {
        return response(e.status(), e.kind(), e.title(), e.getMessage(), instance, e.errors());
    }
}
