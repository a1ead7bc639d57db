package io.cadenza.terraform.plugin;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * go-plugin's handshake as Terraform drives it: the magic cookie proves that Terraform started us, the protocol
 * versions it offers must include 6, the port comes from PLUGIN_MIN_PORT..PLUGIN_MAX_PORT, and the single stdout
 * line {@code 1|6|tcp|127.0.0.1:PORT|grpc|<server cert DER, unpadded base64>} tells Terraform where to connect.
 */
public record Handshake(String clientCertPem, int minPort, int maxPort) {
    public static final String COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
    public static final String COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
    public static final int CORE_PROTOCOL_VERSION = 1;
    public static final int APP_PROTOCOL_VERSION = 6;

    /** Thrown when the environment is not one Terraform set up; the message is for the person who ran us. */
    public static final class NotStartedByTerraform extends Exception {
        public NotStartedByTerraform(String message) {
            super(message);
        }
    }

    public static Handshake fromEnvironment(Map<String, String> env) throws NotStartedByTerraform {
        if (!COOKIE_VALUE.equals(env.get(COOKIE_KEY))) {
            throw new NotStartedByTerraform("""
                    This binary is a plugin for Terraform (the cadenza provider, source cadenza/cadenza). It is not \
                    meant to be run by hand: Terraform starts it. Point Terraform at its directory with a CLI \
                    configuration (dev_overrides or a filesystem mirror, see terraform/README.md) and run \
                    terraform plan.""");
        }
        String versions = env.get("PLUGIN_PROTOCOL_VERSIONS");
        if (versions != null && !versions.isBlank()
                && Arrays.stream(versions.split(",")).map(String::trim).noneMatch("6"::equals)) {
            throw new NotStartedByTerraform("This provider speaks plugin protocol 6 (Terraform 1.0 or later); "
                    + "this Terraform offers protocol versions " + versions + ".");
        }
        String cert = env.get("PLUGIN_CLIENT_CERT");
        if (cert == null || cert.isBlank()) {
            throw new NotStartedByTerraform("PLUGIN_CLIENT_CERT is not set: this provider only runs with "
                    + "Terraform's automatic mutual TLS.");
        }
        return new Handshake(cert, port(env, "PLUGIN_MIN_PORT", 0), port(env, "PLUGIN_MAX_PORT", 0));
    }

    private static int port(Map<String, String> env, String key, int fallback) throws NotStartedByTerraform {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new NotStartedByTerraform(key + " is not a port number: " + v);
        }
    }

    /** The line Terraform reads from our stdout. */
    public static String line(int port, byte[] serverCertDer) {
        return CORE_PROTOCOL_VERSION + "|" + APP_PROTOCOL_VERSION + "|tcp|127.0.0.1:" + port + "|grpc|"
                + Base64.getEncoder().withoutPadding().encodeToString(serverCertDer);
    }
}
