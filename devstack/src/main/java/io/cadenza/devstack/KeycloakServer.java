package io.cadenza.devstack;

import java.io.IOException;
import java.io.InputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server from its Maven Central distribution ({@code org.keycloak:keycloak-quarkus-dist}), run as a
 * separate process in dev mode on 127.0.0.1 with its state in PostgreSQL, and the realm {@code cadenza} imported
 * from {@code keycloak/cadenza-realm.json} on first start (an existing realm is left alone).
 *
 * <p>The distribution zip is unpacked once into {@link Settings#installDir()}; Keycloak's own build step
 * ("augmentation", ~15-55 s) runs on the first start of an installation and is reused afterwards.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.5.6";
    public static final String REALM = "cadenza";
    private static final String REALM_RESOURCE = "/keycloak/cadenza-realm.json";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    /**
     * @param distributionZip  {@code keycloak-quarkus-dist-26.5.6.zip}
     * @param installDir       where the distribution is unpacked (reused across starts)
     * @param port             HTTP port on 127.0.0.1
     * @param jdbcUrl          Keycloak's database (PostgreSQL)
     * @param dbUser           its user
     * @param dbPassword       its password (passed in the environment)
     * @param adminPassword    password of the master realm's {@code admin} (created on the first start only)
     * @param logFile          where output is appended
     */
    public record Settings(Path distributionZip, Path installDir, int port, String jdbcUrl, String dbUser,
                           String dbPassword, String adminPassword, Path logFile) {
        public Settings {
            Objects.requireNonNull(distributionZip, "distributionZip");
            Objects.requireNonNull(installDir, "installDir");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(logFile, "logFile");
        }
    }

    private final ManagedProcess process;
    private final int port;

    private KeycloakServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Installs (if needed) and starts Keycloak; returns once the realm {@code cadenza} answers. */
    public static KeycloakServer start(Settings settings, Consumer<ProcessHandle> onSpawn) throws IOException {
        Path home = install(settings.distributionZip(), settings.installDir());
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IOException("realm file " + REALM_RESOURCE + " missing from the devstack jar");
            }
            Files.copy(realm, importDir.resolve("cadenza-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + settings.port(),
                "--hostname-strict=false",
                "--import-realm",
                "--db=postgres", "--db-url=" + settings.jdbcUrl(), "--db-username=" + settings.dbUser(),
                "--cache=local", "--log-level=WARN,org.keycloak.services:INFO,io.quarkus:INFO"));
        Map<String, String> env = Map.of(
                "KC_DB_PASSWORD", settings.dbPassword(),
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", settings.adminPassword(),
                "JAVA_HOME", System.getProperty("java.home"),
                // Keycloak sizes its heap from the machine's RAM by default; a dev/test instance needs far less.
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m -XX:+ExitOnOutOfMemoryError");
        ManagedProcess.Settings processSettings = new ManagedProcess.Settings("keycloak", command, env, home,
                URI.create("http://127.0.0.1:" + settings.port() + "/realms/" + REALM), READY_TIMEOUT,
                settings.logFile(), List.of(settings.port()));
        return new KeycloakServer(ManagedProcess.start(processSettings, onSpawn), settings.port());
    }

    /** Unpacks the distribution into {@code installDir} unless a complete copy is already there. */
    static Path install(Path zip, Path installDir) throws IOException {
        Path home = installDir.resolve("keycloak-" + VERSION);
        Path marker = home.resolve(".cadenza-unpacked");
        if (Files.exists(marker)) {
            return home;
        }
        if (!Files.isRegularFile(zip)) {
            throw new IOException("Keycloak distribution not found: " + zip
                    + " (it is copied there by ./mvnw package -pl devstack)");
        }
        Files.createDirectories(installDir);
        Path staging = Files.createTempDirectory(installDir, "unpacking-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("unsafe path in " + zip + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path unpacked = staging.resolve("keycloak-" + VERSION);
        for (String script : List.of("kc.sh", "kcadm.sh", "kcreg.sh")) {
            Path file = unpacked.resolve("bin").resolve(script);
            if (Files.exists(file)) {
                Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(file, perms);
            }
        }
        if (Files.exists(home)) {
            deleteTree(home); // a half-unpacked copy from an interrupted run
        }
        Files.move(unpacked, home);
        deleteTree(staging);
        Files.createFile(marker);
        return home;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Points the {@code cadenza-dashboard} client's redirect and logout URIs at where the dashboard really runs (the
     * realm file names the dev default, port 8233; tests run it on a free port). Uses the admin REST API as the
     * master realm's admin.
     */
    public void pointDashboardClientAt(String dashboardUrl, String adminPassword) throws IOException {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> tokenResponse = http.send(HttpRequest.newBuilder(
                            URI.create(url() + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin"
                            + "&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (tokenResponse.statusCode() != 200) {
                throw new IOException("Keycloak admin login failed (" + tokenResponse.statusCode() + "): "
                        + tokenResponse.body());
            }
            String token = json.readTree(tokenResponse.body()).path("access_token").asText();
            String clients = url() + "/admin/realms/" + REALM + "/clients";
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(
                            URI.create(clients + "?clientId=cadenza-dashboard"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode list = json.readTree(found.body());
            if (found.statusCode() != 200 || !list.isArray() || list.isEmpty()) {
                throw new IOException("Keycloak has no client cadenza-dashboard in realm " + REALM + ": "
                        + found.body());
            }
            ObjectNode client = (ObjectNode) list.get(0);
            ArrayNode redirects = client.putArray("redirectUris");
            redirects.add(dashboardUrl + "/*");
            redirects.add(dashboardUrl.replace("127.0.0.1", "localhost") + "/*");
            ((ObjectNode) client.with("attributes")).put("post.logout.redirect.uris",
                    dashboardUrl + "/*##" + dashboardUrl.replace("127.0.0.1", "localhost") + "/*");
            HttpResponse<String> updated = http.send(HttpRequest.newBuilder(
                            URI.create(clients + "/" + client.path("id").asText()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(client))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (updated.statusCode() / 100 != 2) {
                throw new IOException("updating Keycloak client cadenza-dashboard failed (" + updated.statusCode()
                        + "): " + updated.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while configuring Keycloak", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer of realm {@code cadenza}'s tokens. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
