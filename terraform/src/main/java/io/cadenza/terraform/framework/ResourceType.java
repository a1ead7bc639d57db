package io.cadenza.terraform.framework;

import java.util.Map;

/**
 * A managed resource: its schema plus create/read/update/delete/import against the real API. The framework
 * ({@link Planner}, {@link ProviderService}) does the protocol's plan rules; an implementation deals only with the
 * API, the way terraform-plugin-framework resources do. State values are objects of {@link #schema()}.
 */
public interface ResourceType {
    String typeName();

    Block schema();

    /** Checks beyond the attributes' own validators (relations between attributes); values may be unknown. */
    default void validate(Map<String, Object> config, Diagnostics diagnostics) {
    }

    /** A last look at the plan (planned may be null for a destroy), e.g. to refuse a change the API cannot make. */
    default void modifyPlan(Map<String, Object> prior, Map<String, Object> planned, Diagnostics diagnostics) {
    }

    /** Creates the resource; returns the new state with every unknown of {@code planned} resolved. */
    Map<String, Object> create(Map<String, Object> planned, Diagnostics diagnostics);

    /** The current state, or null when the resource no longer exists (it is then removed from the state). */
    Map<String, Object> read(Map<String, Object> state, Diagnostics diagnostics);

    Map<String, Object> update(Map<String, Object> prior, Map<String, Object> planned, Diagnostics diagnostics);

    void delete(Map<String, Object> prior, Diagnostics diagnostics);

    /**
     * The state for {@code terraform import} before it is read: usually just the id. Returns null with an error
     * when the resource cannot be imported.
     */
    default Map<String, Object> importState(String id, Diagnostics diagnostics) {
        Map<String, Object> state = schema().emptyValue();
        state.put("id", id);
        return state;
    }
}
