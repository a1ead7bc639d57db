package io.cadenza.controlplane.api;

import io.cadenza.controlplane.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset page tokens: base64url of {@code v1|<kind>|<key parts>}. The kind binds a token to the list it came
 * from, so a token from one list is refused by another instead of silently skipping rows.
 */
public final class PageToken {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    private static final String VERSION = "v1";

    private PageToken() {
    }

    public static String encode(String kind, List<String> keyParts) {
        String raw = VERSION + "|" + kind + "|" + String.join("|", keyParts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The key parts of {@code token}, or null when there is no token (first page). */
    public static List<String> decode(String kind, String token, int expectedParts) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = raw.split("\\|", -1);
        if (parts.length != 2 + expectedParts || !VERSION.equals(parts[0]) || !kind.equals(parts[1])) {
            throw invalid();
        }
        return List.of(parts).subList(2, parts.length);
    }

    /** The page size to use: default 100, 1..1000 or 400. */
    public static int pageSize(Integer requested) {
        if (requested == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (requested < 1 || requested > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return requested;
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("pageToken",
                "is not a page token of this list; pass the nextPageToken of the previous page unchanged");
    }
}
