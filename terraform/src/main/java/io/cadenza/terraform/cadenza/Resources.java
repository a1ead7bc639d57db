package io.cadenza.terraform.cadenza;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.terraform.framework.CtyType;
import io.cadenza.terraform.framework.Diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers the resources share: API errors as diagnostics, JSON to state values, validators, waits. */
final class Resources {
    static final CtyType ACCESS = CtyType.object(Map.of("namespace_id", CtyType.STRING,
            "permission", CtyType.STRING));
    static final CtyType ACCESSES = CtyType.set(ACCESS);
    static final Set<String> PERMISSIONS = Set.of("read", "write", "admin");

    private Resources() {
    }

    /**
     * An API failure as diagnostics: field errors go on the attribute they concern (REST field names mapped to
     * attribute names), everything else names the action; the API's message is kept as it is.
     */
    static void report(Diagnostics d, String action, RuntimeException e, Map<String, String> fields) {
        if (!(e instanceof ApiException api)) {
            d.error("Failed to " + action, e.getMessage());
            return;
        }
        boolean placed = false;
        for (ApiException.FieldError fe : api.errors()) {
            String field = fe.field() == null ? "" : fe.field();
            String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            String attribute = fields.get(root);
            if (attribute != null) {
                d.attributeError(attribute, "Failed to " + action, field + ": " + fe.message());
                placed = true;
            }
        }
        if (!placed) {
            d.error("Failed to " + action, api.getMessage());
        }
    }

    /**
     * Runs {@code put} with an attribute's planned value when it differs from the prior one (an attribute planned
     * null has been removed from the configuration: {@code put} clears it). Unknown values are never sent.
     */
    static void ifChanged(Map<String, Object> prior, Map<String, Object> planned, String attribute,
                          java.util.function.Consumer<Object> put) {
        Object v = planned.get(attribute);
        if (!io.cadenza.terraform.framework.Unknown.is(v) && !java.util.Objects.equals(v, prior.get(attribute))) {
            put.accept(v);
        }
    }

    /** {@link #ifChanged} for optional+computed attributes, where null means "keep what the API has". */
    static void ifSetAndChanged(Map<String, Object> prior, Map<String, Object> planned, String attribute,
                                java.util.function.Consumer<Object> put) {
        if (planned.get(attribute) != null) {
            ifChanged(prior, planned, attribute, put);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    /** {namespaceId: permission} to a set of {namespace_id, permission} objects. */
    static Set<Object> accesses(JsonNode map) {
        Set<Object> set = new LinkedHashSet<>();
        map.fields().forEachRemaining(e -> {
            Map<String, Object> access = new LinkedHashMap<>();
            access.put("namespace_id", e.getKey());
            access.put("permission", e.getValue().asText());
            set.add(access);
        });
        return set;
    }

    /** The state's set of accesses as the API's map; null stays null (nothing sent). */
    static ObjectNode accessMap(Object value, Diagnostics d) {
        if (!(value instanceof Set<?> set)) {
            return CadenzaApi.object();
        }
        ObjectNode map = CadenzaApi.object();
        for (Object item : set) {
            @SuppressWarnings("unchecked")
            Map<String, Object> access = (Map<String, Object>) item;
            String ns = (String) access.get("namespace_id");
            if (map.has(ns)) {
                d.attributeError("namespace_accesses", "Duplicate namespace access", "namespace " + ns
                        + " is listed more than once; give each namespace one permission.");
            }
            map.put(ns, (String) access.get("permission"));
        }
        return map;
    }

    /** Validator of namespace_accesses: known permissions. */
    static String checkAccesses(Object value) {
        for (Object item : (Set<?>) value) {
            Object permission = ((Map<?, ?>) item).get("permission");
            if (permission instanceof String p && !PERMISSIONS.contains(p)) {
                return "permission must be one of read, write, admin (got '" + p + "')";
            }
        }
        return null;
    }

    static java.util.function.Function<Object, String> oneOf(Set<String> allowed, String list) {
        return v -> allowed.contains(v) ? null : "must be one of " + list + " (got '" + v + "')";
    }

    static java.util.function.Function<Object, String> matches(Pattern pattern, String rule) {
        return v -> pattern.matcher((String) v).matches() ? null : rule + " (got '" + v + "')";
    }

    static java.util.function.Function<Object, String> between(long min, long max) {
        return v -> {
            long n = ((Number) v).longValue();
            return n >= min && n <= max && v instanceof Long ? null
                    : "must be a whole number between " + min + " and " + max + " (got " + v + ")";
        };
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h)");

    /** A Terraform timeouts duration ("10m", "30s", "1h30m"); null means the default. */
    static Duration duration(Object value, Duration fallback) {
        if (!(value instanceof String s) || s.isBlank()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        return end == s.length() && !total.isZero() ? total : fallback;
    }

    static String checkDuration(Object v) {
        return duration(v, null) == null ? "must be a duration like 30s, 10m or 1h30m (got '" + v + "')" : null;
    }

    static boolean sameInstant(Object a, Object b) {
        try {
            return Instant.parse((String) a).equals(Instant.parse((String) b));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String checkInstant(Object v) {
        try {
            Instant.parse((String) v);
            return null;
        } catch (RuntimeException e) {
            return "must be an RFC 3339 time such as 2027-06-01T00:00:00Z (got '" + v + "')";
        }
    }
}
