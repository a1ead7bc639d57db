package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Saved workflow list views per user: one JSON file per user under {@code cadenza.dashboard.data-dir/views}, named
 * by a hash of the user's (unique) Keycloak username, written atomically (temp file + rename). A view is a name, a
 * namespace and a query; the query is re-run against the backend as the user, so a saved view never grants access.
 */
@ApplicationScoped
public class SavedViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A saved view: the list-filter query of one namespace under a name. */
    public record View(String name, String namespace, String query) {
    }

    @Inject
    DashboardConfig config;

    public synchronized List<View> list(String username) {
        Path file = file(username);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<View>>() { });
        } catch (IOException e) {
            throw new BackendException("Your saved views could not be read: " + e.getMessage(), 500, e);
        }
    }

    /** Adds or replaces (same name and namespace) a view. */
    public synchronized void save(String username, View view) {
        if (view.name() == null || view.name().isBlank()) {
            throw new BackendException("A saved view needs a name", 400);
        }
        List<View> views = new ArrayList<>(list(username));
        views.removeIf(v -> v.name().equals(view.name()) && v.namespace().equals(view.namespace()));
        views.add(new View(view.name().trim(), view.namespace(), view.query() == null ? "" : view.query()));
        write(username, views);
    }

    public synchronized void delete(String username, View view) {
        List<View> views = new ArrayList<>(list(username));
        views.removeIf(v -> v.name().equals(view.name()) && v.namespace().equals(view.namespace()));
        write(username, views);
    }

    private void write(String username, List<View> views) {
        Path file = file(username);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "views", ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(views),
                    StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BackendException("Your saved views could not be stored: " + e.getMessage(), 500, e);
        }
    }

    private Path file(String username) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
            return config.dataDir().resolve("views").resolve(HexFormat.of().formatHex(hash) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
