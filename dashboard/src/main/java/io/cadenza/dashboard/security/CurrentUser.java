package io.cadenza.dashboard.security;

import com.vaadin.flow.server.VaadinSession;
import io.quarkus.arc.Arc;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The logged-in person, read from the OIDC session of the current request. Backends are always called with
 * {@link UserToken#accessToken()}; the dashboard holds no credential of its own that could read tenant data.
 */
@ApplicationScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    private static final String SESSION_KEY = "cadenza.user-token";

    /**
     * The logged-in user and their current access token. On a request thread it is read from the OIDC session (which
     * quarkus-oidc refreshes before it expires) and remembered in the Vaadin session; UI updates applied from
     * background work ({@code UI.access}) run outside any request and get the token of the session's latest request.
     */
    public UserToken get() {
        VaadinSession session = VaadinSession.getCurrent();
        if (!Arc.container().requestContext().isActive()) {
            UserToken remembered = session == null ? null : (UserToken) session.getAttribute(SESSION_KEY);
            if (remembered == null) {
                throw new IllegalStateException("no logged-in user outside a request");
            }
            return remembered;
        }
        UserToken user = fromRequest();
        if (session != null) {
            session.setAttribute(SESSION_KEY, user);
        }
        return user;
    }

    private UserToken fromRequest() {
        if (identity == null || identity.isAnonymous()) {
            throw new IllegalStateException("no logged-in user on this request");
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null) {
            throw new IllegalStateException("the session carries no access token");
        }
        String username = identity.getPrincipal().getName();
        String email = username;
        String name = username;
        List<String> groups = List.of();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            email = firstNonBlank(jwt.getClaim("email"), jwt.getClaim("preferred_username"), username);
            name = firstNonBlank(jwt.getClaim("name"), email, username);
            Object claim = jwt.getClaim("groups");
            if (claim != null) {
                groups = jwt.getGroups().stream().sorted().toList();
            }
        }
        return new UserToken(credential.getToken(), email, name, groups);
    }

    private static String firstNonBlank(Object... values) {
        for (Object value : values) {
            if (value != null) {
                String text = value.toString().replace("\"", "");
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return "";
    }
}
