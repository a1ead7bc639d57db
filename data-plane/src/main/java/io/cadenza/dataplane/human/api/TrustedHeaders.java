package io.cadenza.dataplane.human.api;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.human.inbox.Caller;
import io.cadenza.dataplane.human.inbox.InboxProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is calling, from the headers the tenant gateway sets (docs/tenancy.md, "Human-approval inbox"). They are
 * believed only with the cell's internal token, or when no token is configured (single-cell dev, tests).
 */
@ApplicationScoped
public class TrustedHeaders {

    public static final String TOKEN = "Cadenza-Internal-Token";
    public static final String USER = "Cadenza-User";
    public static final String GROUPS = "Cadenza-Groups";
    public static final String ROLE = "Cadenza-Namespace-Role";

    private final Optional<byte[]> expected;

    public TrustedHeaders(DataPlaneConfig config) {
        this.expected = config.internalToken().filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    public Caller caller(HttpHeaders headers) {
        if (expected.isPresent()) {
            String presented = headers.getHeaderString(TOKEN);
            if (presented == null
                    || !MessageDigest.isEqual(expected.get(), presented.getBytes(StandardCharsets.UTF_8))) {
                throw new InboxProblem(401, "Unauthenticated", presented == null
                        ? "This is an internal Cadenza cell endpoint: call it through the tenant gateway."
                        : "Invalid " + TOKEN + ".", null);
            }
        }
        String user = headers.getHeaderString(USER);
        if (user == null || user.isBlank()) {
            throw new InboxProblem(401, "Unauthenticated", "Missing " + USER + " header.", null);
        }
        List<String> groups = new ArrayList<>();
        String raw = headers.getHeaderString(GROUPS);
        if (raw != null) {
            for (String g : raw.split(",")) {
                String name = URLDecoder.decode(g.trim(), StandardCharsets.UTF_8);
                if (!name.isEmpty()) {
                    groups.add(name);
                }
            }
        }
        String role = headers.getHeaderString(ROLE);
        // Least privilege when the gateway sends no (or an unknown) role: view only.
        Caller.Role r = switch (role == null ? "" : role.trim().toLowerCase(Locale.ROOT)) {
            case "admin" -> Caller.Role.ADMIN;
            case "write" -> Caller.Role.WRITE;
            default -> Caller.Role.READ;
        };
        return new Caller(user.trim(), List.copyOf(groups), r);
    }
}
