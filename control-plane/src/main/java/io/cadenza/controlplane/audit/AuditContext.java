package io.cadenza.controlplane.audit;

import io.cadenza.controlplane.auth.Caller;
import jakarta.enterprise.context.RequestScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler tells the audit log about the current request: who, which resource, non-secret details. */
@RequestScoped
public class AuditContext {
    private Caller caller;
    private String resourceId;
    private final Map<String, Object> details = new LinkedHashMap<>();

    public void caller(Caller caller) {
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }

    public AuditContext resource(String id) {
        this.resourceId = id;
        return this;
    }

    public String resourceId() {
        return resourceId;
    }

    /** Adds a detail; callers must never pass secrets (tokens, passwords, client secrets). */
    public AuditContext detail(String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
        return this;
    }

    public Map<String, Object> details() {
        return details;
    }
}
