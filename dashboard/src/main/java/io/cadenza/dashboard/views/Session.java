package io.cadenza.dashboard.views;

import com.vaadin.flow.server.VaadinSession;
import io.cadenza.dashboard.backend.NamespaceAdmin.Namespace;
import java.util.List;

/** What the dashboard remembers for one browser session: the user's namespaces and the selected one. */
public final class Session {

    private static final String NAMESPACES = "cadenza.namespaces";
    private static final String CURRENT = "cadenza.namespace";

    private Session() {
    }

    @SuppressWarnings("unchecked")
    public static List<Namespace> namespaces() {
        Object value = VaadinSession.getCurrent().getAttribute(NAMESPACES);
        return value == null ? List.of() : (List<Namespace>) value;
    }

    public static void namespaces(List<Namespace> namespaces) {
        VaadinSession.getCurrent().setAttribute(NAMESPACES, List.copyOf(namespaces));
    }

    /** The selected namespace id, or null when the user has none. */
    public static String namespace() {
        return (String) VaadinSession.getCurrent().getAttribute(CURRENT);
    }

    public static void namespace(String namespaceId) {
        VaadinSession.getCurrent().setAttribute(CURRENT, namespaceId);
    }
}
